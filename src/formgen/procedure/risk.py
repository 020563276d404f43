"""The degree of risk by subjective criteria: joint order No. 102 / No. 57 of
4 May 2023, Annex 1, paragraph 9 (data in ``data/risk_criteria.yaml``).

Paragraph 9, as computed here:

- one gross violation sets the indicator to 100;
- otherwise SP = SPз + SPн, with SPз = (SP2 × 100 / SP1) × 0.7 over the
  significant criteria and SPн = (SP2 × 100 / SP1) × 0.3 over the minor
  ones; SP1 is "the required number" of criteria of that severity, i.e. those
  applicable to the subject (all of them unless ``applicable`` says
  otherwise), SP2 the violated ones.
- SP1 = 0 (no applicable criterion of a severity): that term is 0; the
  formula has no value there, and no criterion means nothing to violate.
- 71 to 100 inclusive is the high degree; 0 to 70 inclusive is the degree
  "not classified as high".  The order does not round, and a score can fall
  between 70 and 71 (e.g. 63 + 7.5 = 70.5).  It is classed "not high":
  the high degree is the one with a stated range, 71 to 100, and the other
  is by its name ("not classified as high") whatever is not in it.
- The terms are exact fractions (Decimal cannot hold 100/3) and the degree
  is decided on the exact value; Decimals rounded half up to two places are
  for display only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from ..errors import FormgenError
from ..resources import DATA_DIR, read_yaml

__all__ = ["COEFFICIENTS", "HIGH_FROM", "Criterion", "RiskScore", "Term", "criteria", "order_data",
           "score", "severity_name"]

Severity = Literal["gross", "significant", "minor"]
Degree = Literal["high", "not_high"]

# Paragraph 9's coefficients and threshold.
COEFFICIENTS: dict[str, Decimal] = {"significant": Decimal("0.7"), "minor": Decimal("0.3")}
HIGH_FROM = 71  # "from 71 to 100 inclusive"; everything below is not high
GROSS_SCORE = 100

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    """One subjective criterion of the order's table."""

    number: int
    severity: Severity
    text: dict[str, str]


@lru_cache(maxsize=1)
def order_data() -> dict:
    """The order's data file as loaded (criteria, formula text, severity names), read once."""
    return read_yaml(DATA_DIR / "risk_criteria.yaml")


@lru_cache(maxsize=1)
def criteria() -> dict[int, Criterion]:
    """The 35 subjective criteria by number, read once."""
    return {row["id"]: Criterion(row["id"], row["severity"], row["text"]) for row in order_data()["subjective"]}


def severity_name(severity: str, lang: str) -> str:
    """The order's name of a severity: kk "өрескел", ru "грубая", en "gross"."""
    return order_data()["severity_names"][severity][lang]


def _display(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Term:
    """SPз or SPн: (SP2 × 100 / SP1) × coefficient, 0 when SP1 = 0."""

    severity: Severity
    sp1: int
    sp2: int
    coefficient: Decimal

    @property
    def value(self) -> Fraction:
        return Fraction(self.sp2 * 100, self.sp1) * Fraction(self.coefficient) if self.sp1 else Fraction(0)

    @property
    def shown(self) -> Decimal:
        return _display(self.value)


@dataclass(frozen=True)
class RiskScore:
    """The indicator SP, how it was reached, and the degree it gives."""

    violated: tuple[int, ...]
    gross: tuple[int, ...]  # violated gross criteria: any one makes SP 100
    significant: Term
    minor: Term

    @property
    def value(self) -> Fraction:
        return Fraction(GROSS_SCORE) if self.gross else self.significant.value + self.minor.value

    @property
    def shown(self) -> Decimal:
        return _display(self.value)

    @property
    def degree(self) -> Degree:
        return "high" if self.value >= HIGH_FROM else "not_high"


def _check_numbers(numbers: set[int], what: str) -> None:
    unknown = sorted(n for n in numbers if n not in criteria())
    if unknown:
        raise FormgenError(f"unknown {what} criteria: {', '.join(map(str, unknown))}; "
                           f"the order numbers them 1 to {max(criteria())}")


def score(violated: set[int], applicable: set[int] | None = None) -> RiskScore:
    """The risk score for the violated criteria among the applicable ones (default: all 35)."""
    table = criteria()
    violated = set(violated)
    _check_numbers(violated, "violated")
    applicable = set(table) if applicable is None else set(applicable)
    _check_numbers(applicable, "applicable")
    if not violated <= applicable:
        raise FormgenError("violated criteria that are not applicable: "
                           + ", ".join(map(str, sorted(violated - applicable))))

    def term(severity: Severity) -> Term:
        def count(numbers: set[int]) -> int:
            return sum(table[n].severity == severity for n in numbers)
        return Term(severity, count(applicable), count(violated), COEFFICIENTS[severity])

    return RiskScore(
        violated=tuple(sorted(violated)),
        gross=tuple(sorted(n for n in violated if table[n].severity == "gross")),
        significant=term("significant"),
        minor=term("minor"),
    )
