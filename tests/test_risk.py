"""The degree of risk of joint order No. 102/57 of 4 May 2023, worked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from click.testing import CliRunner

from formgen.cli.procedure import risk_command
from formgen.errors import FormgenError
from formgen.procedure.risk import COEFFICIENTS, HIGH_FROM, order_data, criteria, score

# The order's table: 15 gross, 15 significant, 5 minor criteria.
GROSS = [9, 11, 12, 13, 14, 15, 16, 17, 19, 20, 23, 26, 32, 33, 35]
SIGNIFICANT = [1, 2, 3, 5, 7, 8, 10, 18, 21, 24, 25, 27, 28, 29, 34]
MINOR = [4, 6, 22, 30, 31]


def test_the_table():
    table = criteria()
    assert sorted(table) == list(range(1, 36))
    for severity, numbers in (("gross", GROSS), ("significant", SIGNIFICANT), ("minor", MINOR)):
        assert [n for n in table if table[n].severity == severity] == numbers
    assert len(order_data()["objective"]) == 6


def test_constants_are_the_orders():
    ru = "\n".join(order_data()["formula"]["ru"])
    assert "SPз = (SP2 х 100/SP1) х 0,7," in ru and "SPн = (SP2 х 100/SP1) х 0,3," in ru
    assert COEFFICIENTS == {"significant": Decimal("0.7"), "minor": Decimal("0.3")}
    assert "от 71 до 100 включительно" in ru and "от 0 до 70 включительно" in ru and HIGH_FROM == 71
    assert "При выявлении одного грубого нарушения субъекту контроля приравнивается показатель степени риска 100" in ru


def test_all_clear():
    result = score(set())
    assert (result.significant.sp1, result.significant.sp2) == (15, 0)
    assert (result.minor.sp1, result.minor.sp2) == (5, 0)
    assert result.value == 0 and result.shown == Decimal("0.00") and result.degree == "not_high"


def test_one_gross_violation_is_100():
    result = score({9})
    assert result.gross == (9,)
    assert result.value == 100 and result.degree == "high"


def test_gross_wins_over_the_sum():
    # 1 significant of 15 and 1 minor of 5 would give 4.67 + 6 = 10.67; criterion 11 is gross.
    result = score({3, 11, 22})
    assert result.significant.shown == Decimal("4.67") and result.minor.shown == Decimal("6.00")
    assert result.value == 100 and result.degree == "high"


def test_mixed_significant_and_minor():
    # Criteria 3 and 7 are significant, 22 minor; all 35 apply.
    # SPз = (2 × 100 / 15) × 0.7 = 13.333… × 0.7 = 9.333…
    # SPн = (1 × 100 / 5) × 0.3 = 20 × 0.3 = 6
    # SP = 9.333… + 6 = 15.333… -> 15.33, not high
    result = score({3, 7, 22})
    assert (result.significant.sp1, result.significant.sp2) == (15, 2)
    assert (result.minor.sp1, result.minor.sp2) == (5, 1)
    assert result.significant.value == Fraction(28, 3)
    assert result.minor.value == 6
    assert result.value == Fraction(46, 3)
    assert result.shown == Decimal("15.33") and result.degree == "not_high"


def test_mixed_high():
    # Every significant criterion violated: (15 × 100 / 15) × 0.7 = 70; two minor of 5: (2 × 100 / 5) × 0.3 = 12.
    result = score(set(SIGNIFICANT) | {4, 6})
    assert result.significant.value == 70 and result.minor.value == 12
    assert result.value == 82 and result.degree == "high"


def test_sp1_zero_gives_a_zero_term():
    # Only significant criteria apply: SP1 of minor is 0, its term is 0, not a division by zero.
    result = score({1, 2, 3}, applicable={1, 2, 3})
    assert (result.minor.sp1, result.minor.sp2, result.minor.value) == (0, 0, 0)
    assert result.significant.value == 70  # (3 × 100 / 3) × 0.7
    assert result.value == 70 and result.degree == "not_high"  # without minor criteria, 70 is the most
    # Only minor criteria apply: (1 × 100 / 2) × 0.3 = 15.
    result = score({4}, applicable={4, 6})
    assert result.significant.sp1 == 0 and result.significant.value == 0
    assert result.value == 15


def test_boundary_70_is_not_high():
    # (15 × 100 / 15) × 0.7 + (0 × 100 / 5) × 0.3 = 70 + 0 = 70
    result = score(set(SIGNIFICANT))
    assert result.value == 70 and result.degree == "not_high"


def test_boundary_71_is_high():
    # 10 significant apply, 8 violated: (8 × 100 / 10) × 0.7 = 56;
    # 2 minor apply, 1 violated: (1 × 100 / 2) × 0.3 = 15; SP = 71.
    applicable = set(SIGNIFICANT[:10]) | {4, 6}
    result = score(set(SIGNIFICANT[:8]) | {4}, applicable)
    assert result.value == 71 and result.shown == Decimal("71.00") and result.degree == "high"


def test_between_70_and_71_is_not_high():
    # 10 significant apply, 9 violated: 63; 4 minor apply, 1 violated: (1 × 100 / 4) × 0.3 = 7.5; SP = 70.5.
    # Not in "71 to 100 inclusive", so not classified as high.
    applicable = set(SIGNIFICANT[:10]) | {4, 6, 22, 30}
    result = score(set(SIGNIFICANT[:9]) | {4}, applicable)
    assert result.value == Fraction(141, 2) and result.shown == Decimal("70.50")
    assert result.degree == "not_high"


def test_thirds_are_exact_and_shown_rounded():
    # (2 × 100 / 3) × 0.7 = 46.666… -> 46.67
    result = score({1, 2}, applicable={1, 2, 3})
    assert result.value == Fraction(140, 3) and result.shown == Decimal("46.67")


def test_unknown_criteria_are_named():
    with pytest.raises(FormgenError, match="unknown violated criteria: 0, 36"):
        score({0, 3, 36})
    with pytest.raises(FormgenError, match="unknown applicable criteria: 40"):
        score({3}, applicable={3, 40})


def test_violated_must_be_applicable():
    with pytest.raises(FormgenError, match="not applicable: 7"):
        score({3, 7}, applicable={1, 2, 3})


# ----------------------------------------------------------------------- CLI

def run(*args):
    return CliRunner().invoke(risk_command, list(args))


def test_cli_mixed_in_english():
    result = run("--violated", "3,7,22", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:5] == [
        "SPз (significant violations): SP1 = 15, SP2 = 2: (2 × 100 / 15) × 0.7 = 9.33",
        "SPн (minor violations): SP1 = 5, SP2 = 1: (1 × 100 / 5) × 0.3 = 6.00",
        "SP = SPз + SPн = 15.33",
        "Degree of risk: not classified as high",
        "Violated criteria:",
    ]
    assert lines[5].startswith("  3 (significant): Development and approval by the central state body")
    assert lines[6].startswith("  7 (significant): ")
    assert lines[7].startswith("  22 (minor): ")
    assert len(lines) == 8


def test_cli_russian_decimal_comma():
    lines = run("--violated", "3, 7, 22", "--lang", "ru").output.splitlines()
    assert lines[2] == "SP = SPз + SPн = 15,33"
    assert lines[3] == "Степень риска: не отнесенная к высокой"
    assert lines[7].startswith("  22 (незначительная): ")


def test_cli_gross_in_kazakh():
    lines = run("--violated", "9").output.splitlines()
    assert "өрескел бұзушылық (өлшемшарттар: 9) — көрсеткіш 100-ге теңестіріледі" in lines
    assert "Тәуекел дәрежесі: жоғары" in lines
    assert lines[-1].startswith("  9 (өрескел): ")


def test_cli_no_applicable_minor():
    lines = run("--violated", "1", "--applicable", "1,2", "--lang", "en").output.splitlines()
    assert lines[0] == "SPз (significant violations): SP1 = 2, SP2 = 1: (1 × 100 / 2) × 0.7 = 35.00"
    assert lines[1] == "SPн (minor violations): SP1 = 0, SP2 = 0: no applicable criterion → 0.00"


def test_cli_nothing_violated():
    lines = run("--lang", "en").output.splitlines()
    assert lines[-2:] == ["Degree of risk: not classified as high", "Violated criteria: none"]


@pytest.mark.parametrize("args, message", [
    (("--violated", "3,36,50"), "unknown violated criteria: 36, 50"),
    (("--violated", "3,x"), "--violated: not criterion numbers: x"),
    (("--violated", "3", "--applicable", "1,2"), "not applicable: 3"),
])
def test_cli_errors(args, message):
    result = run(*args)
    assert isinstance(result.exception, FormgenError)
    assert message in str(result.exception)
