"""Kazakhstan's working-day calendar, for the deadlines of the Rules.

The calendar is the ``holidays`` package (pinned at 0.109, which has
Kazakhstan right: public holidays, days off moved from weekends, and the
government's transfer decrees it knows; 2025 has 246 working days, 2026 has
247).  A transfer decree issued after that release is not in it, so
``OVERRIDES`` is consulted first: one row per date, with the decree it comes
from, until a release that knows the decree is pinned (then the row goes).

``holidays`` has ``get_nth_working_day`` and ``get_working_days_count``, but
they call its own ``is_working_day`` and so cannot see ``OVERRIDES``; the
arithmetic here is the same loop over this module's ``is_working_day``, and
the tests check that both agree when the table is empty.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import NamedTuple

import holidays

__all__ = [
    "OVERRIDES",
    "Override",
    "add_working_days",
    "is_working_day",
    "working_days_between",
    "working_days_in_year",
]


class Override(NamedTuple):
    """One date whose status a decree changed after the pinned ``holidays`` release."""

    working: bool  # True: a working day (e.g. a Saturday worked); False: a day off
    decree: str  # the act it comes from, e.g. "Government Decree No. … of …"


# Date -> Override.  Empty: holidays 0.109 knows every transfer published so
# far (e.g. 3 January 2025 off, Sunday 5 January 2025 worked).  Add a row as
#   date(2027, 1, 8): Override(False, "Government Decree No. … of … 2026"),
# with a test, when a decree appears before a release that knows it.
OVERRIDES: dict[date, Override] = {}

@functools.cache
def _calendar() -> holidays.HolidayBase:
    """One calendar for the process, made on first use (it fills in years lazily on look-up)."""
    return holidays.country_holidays("KZ")


def is_working_day(d: date, overrides: dict[date, Override] | None = None) -> bool:
    """Whether d is a working day: the override table first, then the law's calendar."""
    table = OVERRIDES if overrides is None else overrides
    row = table.get(d)
    return row.working if row is not None else _calendar().is_working_day(d)


def add_working_days(d: date, n: int, overrides: dict[date, Override] | None = None) -> date:
    """The n-th working day after d (before d if n < 0); d itself is never counted.

    A period counted in days starts on the day after the event that starts
    it, so "one working day from the decision" is the next working day after
    the decision, whatever day the decision fell on.  n = 0 returns d.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    left = abs(n)
    while left:
        d += step
        if is_working_day(d, overrides):
            left -= 1
    return d


def working_days_between(a: date, b: date, overrides: dict[date, Override] | None = None) -> int:
    """Working days from a to b, both included (0 when b is before a)."""
    return sum(is_working_day(a + timedelta(days=i), overrides) for i in range((b - a).days + 1))


def working_days_in_year(year: int, overrides: dict[date, Override] | None = None) -> int:
    """How many working days the year has: 246 in 2025, 247 in 2026."""
    return working_days_between(date(year, 1, 1), date(year, 12, 31), overrides)
