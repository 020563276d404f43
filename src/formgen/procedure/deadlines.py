"""The time limits of the Rules of state control over the quality of public
services (Order No. 78, edition of Order No. 101 of 25 June 2024).

Every limit is one entry of ``data/time_limits.yaml``: what it counts from,
which way, how much, in which unit, the paragraph, and its wording in
kk/ru/en.  It is checked against ``DeadlineRule`` when the module loads; code
only does arithmetic on the entries, so a change of the Rules is a change of
one entry.

How limits are counted (the Rules say "not later than N days from …" /
"at least N days before …"; the day that starts a period is not counted):

- ``after`` rules: the last allowed date is the N-th day after the event;
  N = 0 means the event's own date.
- ``before`` rules: the latest allowed date is the N-th day before the event,
  e.g. an audit starting Monday 16 February 2026 is notified by Wednesday
  11 February (13, 12, 11 are the three working days before it).
- a duration that runs from its first day counts that day as day 1
  (``counts_first_day``: the control measure of paragraph 43, which
  paragraph 46 starts on the day its order is delivered).
- working days come from formgen.workdays; calendar days are plain dates.
  "At least one day (24 hours)" before an unscheduled audit is taken at the
  level of dates: the notice is dated the day before the start or earlier.
- ``day_of_month`` rules name a day of the month after (or before) the
  period ``from_date`` falls in: a quarter for the reports, a year for the
  plan of control measures.  The date is not moved off a day off: the Rules
  do not say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import FormgenError, UnknownForm
from ..forms.limits import date_out_of_range
from ..forms.schemas.audit import AUDIT_SCHEMAS
from ..locale import LANGS, Lang, format_date, format_for_quarter, quarter_bounds
from ..resources import DATA_DIR, read_yaml
from .workdays import add_working_days

__all__ = ["RULES", "DeadlineRule", "DeadlineWarning", "check_audit_document", "deadline",
           "describe", "get_rule", "parse_date", "paragraph_label"]

Direction = Literal["before", "after"]
Unit = Literal["working_days", "calendar_days", "day_of_month"]
Period = Literal["quarter", "year"]


class DeadlineRule(BaseModel):
    """One time limit of the Rules, as data/time_limits.yaml states it (see its header)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    paragraph: int = Field(ge=1)
    direction: Direction
    amount: int = Field(ge=0)
    unit: Unit
    counts_from: dict[Lang, str]
    what: dict[Lang, str]
    term: dict[Lang, str]
    period: Period | None = None  # day_of_month rules only
    counts_first_day: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DeadlineRule:
        for name in ("counts_from", "what", "term"):
            missing = set(LANGS) - set(getattr(self, name))
            if missing:
                raise ValueError(f"{name} lacks {', '.join(sorted(missing))}")
        if (self.unit == "day_of_month") != (self.period is not None):
            raise ValueError("a day_of_month limit names its period (quarter or year), no other limit does")
        if self.unit == "day_of_month" and not 1 <= self.amount <= 28:
            raise ValueError("a day of the month is 1 to 28, so that every month has it")
        return self


class _TimeLimits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sentence: dict[Lang, str]
    paragraph: dict[Lang, str]
    limits: list[DeadlineRule]


def _load() -> _TimeLimits:
    data = _TimeLimits.model_validate(read_yaml(DATA_DIR / "time_limits.yaml"))
    ids = [rule.id for rule in data.limits]
    if len(set(ids)) != len(ids):
        raise ValueError("data/time_limits.yaml: two limits share an id")
    return data


_DATA = _load()
RULES: dict[str, DeadlineRule] = {rule.id: rule for rule in _DATA.limits}
# The sentence describe() builds; the date comes from formgen.locale.
_SENTENCE = _DATA.sentence
_PARAGRAPH = _DATA.paragraph


def get_rule(rule_id: str) -> DeadlineRule:
    """The rule rule_id, or a FormgenError listing the known ones."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise FormgenError(f"unknown deadline rule {rule_id!r}; known rules: {', '.join(RULES)}") from None


def parse_date(text: str) -> date:
    """An ISO date (YYYY-MM-DD), or a FormgenError saying what is wrong with it."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise FormgenError(f"bad date {text!r}: expected YYYY-MM-DD, e.g. 2026-02-16")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise FormgenError(f"bad date {text!r}: {error}") from None


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _period_bounds(period: Period, d: date) -> tuple[date, date]:
    if period == "quarter":
        return quarter_bounds(d.year, _quarter(d))
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _day_of_month(rule: DeadlineRule, d: date) -> date:
    """Day rule.amount of the month after the period d falls in (before it, for 'before' rules)."""
    assert rule.period is not None
    start, end = _period_bounds(rule.period, d)
    month = end + timedelta(days=1) if rule.direction == "after" else start - timedelta(days=1)
    return month.replace(day=rule.amount)


_COUNTERS: dict[Unit, Callable[[DeadlineRule, date], date]] = {
    "working_days": lambda r, d: add_working_days(d, r.amount if r.direction == "after" else -r.amount),
    "calendar_days": lambda r, d: d + timedelta(days=r.amount if r.direction == "after" else -r.amount),
    "day_of_month": _day_of_month,
}


def _count(rule: DeadlineRule, d: date) -> date:
    # Counting from the day before makes d itself day 1 (if it is a working day).
    return _COUNTERS[rule.unit](rule, d - timedelta(days=1) if rule.counts_first_day else d)


def deadline(rule_id: str, from_date: date) -> date:
    """The last date the rule allows, counted from from_date (see the module's docstring).

    from_date must be within the dates of data/limits.yaml: the calendar's edges are no dates of the procedure.
    """
    rule = get_rule(rule_id)
    reason = date_out_of_range(from_date)
    if reason:
        raise FormgenError(f"from_date: {reason}")
    return _count(rule, from_date)


def _check_lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def paragraph_label(paragraph: int, lang: Lang) -> str:
    """"14-тармақ" / "пункт 14" / "paragraph 14"."""
    return _PARAGRAPH[_check_lang(lang)].format(paragraph=paragraph)


def describe(rule_id: str, from_date: date, lang: Lang) -> str:
    """One sentence: what is due, by which date in lang's official style, and the paragraph's wording."""
    rule = get_rule(rule_id)
    _check_lang(lang)
    quarter = format_for_quarter(from_date.year, _quarter(from_date), lang) if rule.period == "quarter" else ""
    what = rule.what[lang].format(quarter=quarter, year=from_date.year)
    return _SENTENCE[lang].format(what=what, date=format_date(deadline(rule_id, from_date), lang),
                                  paragraph=rule.paragraph, term=rule.term[lang])


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class DeadlineWarning:
    """A document dated later than a time limit of the Rules allows."""

    rule_id: str
    paragraph: int
    path: str  # the dotted field path of the late date
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class _Check:
    """Which date of a form a rule limits, and which field it counts from."""

    rule: str | Callable[[Any], str]  # a rule id, or how to pick it from the model
    counts_from: str  # dotted path of the date the rule counts from
    field: str  # dotted path of the date checked
    note: str = ""  # what the message must add about how the form's fields are read


_START_NOTICE_ANY_TYPE = _Check(
    "audit-start-unscheduled", "audit_period.start", "start_notice.date",
    "the form does not say whether the audit was planned, so the shorter, unscheduled, limit is checked",
)

# Per form, what its fields allow checking.  auditors-change: the date of the
# decision to change the auditors is not on the form, so nothing is checkable.
# The draft certificate (paragraph 16), the objections (17) and the request's
# follow-up (20, 21, 23) are not dated on any form.
_CHECKS: dict[str, tuple[_Check, ...]] = {
    "audit-start": (_Check(lambda m: f"audit-start-{m.audit_type.kind}", "audit_period.start", "date"),),
    "auditors-change": (),
    "audit-suspension": (
        _Check("audit-suspension", "suspended_from", "date",
               "the date the period is suspended from is taken as the day of the decision"),
        _START_NOTICE_ANY_TYPE,
    ),
    "audit-resumption": (
        _Check("audit-resumption", "resumed.start", "date",
               "the date the period resumes from is taken as the day of the decision"),
    ),
    "audit-certificate": (_START_NOTICE_ANY_TYPE,),
    "violations-request": (_START_NOTICE_ANY_TYPE,),
}
assert set(_CHECKS) == set(AUDIT_SCHEMAS), "every audit form needs a row, even an empty one"


def _get(model: Any, path: str) -> Any:
    for name in path.split("."):
        model = getattr(model, name)
    return model


def check_audit_document(form_id: str, model: Any) -> list[DeadlineWarning]:
    """The time limits a validated audit document (formgen.validate) breaks, judged by its own dates."""
    if form_id not in _CHECKS:
        raise UnknownForm(form_id, list(_CHECKS))
    if not isinstance(model, AUDIT_SCHEMAS[form_id]):
        raise FormgenError(f"check_audit_document({form_id!r}) needs a {AUDIT_SCHEMAS[form_id].__name__} "
                           f"(formgen.validate makes one), got {type(model).__name__}")
    warnings = []
    for check in _CHECKS[form_id]:
        rule = RULES[check.rule(model) if callable(check.rule) else check.rule]
        counted_from, value = _get(model, check.counts_from), _get(model, check.field)
        limit = deadline(rule.id, counted_from)
        if value > limit:
            note = f"; {check.note}" if check.note else ""
            warnings.append(DeadlineWarning(rule.id, rule.paragraph, check.field, (
                f"{value.isoformat()} is after {limit.isoformat()}, the last date paragraph {rule.paragraph} "
                f"of the Rules allows ({rule.term['en']}; {check.counts_from} is {counted_from.isoformat()}{note})")))
    return warnings
