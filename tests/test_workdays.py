"""Kazakhstan's working-day calendar: counts per year, holidays, transfers, overrides."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from formgen.procedure import workdays
from formgen.procedure.workdays import (
    Override,
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_in_year,
)


@pytest.mark.parametrize("year, count", [(2025, 246), (2026, 247)])
def test_working_days_per_year(year, count):
    assert working_days_in_year(year) == count


@pytest.mark.parametrize("d", [
    date(2025, 1, 1), date(2025, 1, 2), date(2026, 1, 1), date(2026, 1, 2),  # New Year
    date(2025, 3, 21), date(2026, 3, 21), date(2026, 3, 22), date(2026, 3, 23),  # Nauryz
    date(2026, 3, 24), date(2026, 3, 25),  # Nauryz 2026 moved off Saturday and Sunday
    date(2025, 1, 3),  # transfer: Friday off ...
    date(2026, 1, 7),  # Orthodox Christmas
])
def test_days_off(d):
    assert not is_working_day(d)


@pytest.mark.parametrize("d", [
    date(2025, 1, 5),  # ... for Sunday worked
    date(2025, 3, 20), date(2026, 3, 20), date(2026, 3, 26), date(2026, 1, 5), date(2025, 12, 31),
])
def test_working_days(d):
    assert is_working_day(d)


def test_transfer_of_january_2025():
    # Friday 3 January off, Sunday 5 January worked: the week has as many working days as usual.
    assert working_days_between(date(2024, 12, 30), date(2025, 1, 5)) == 3  # 30, 31 December and 5 January
    assert working_days_between(date(2025, 1, 1), date(2025, 1, 5)) == 1


@pytest.mark.parametrize("d, n, expected", [
    (date(2026, 3, 20), 1, date(2026, 3, 26)),   # Friday before Nauryz -> Thursday after it
    (date(2026, 3, 26), -1, date(2026, 3, 20)),
    (date(2026, 3, 24), -3, date(2026, 3, 18)),  # counting from a day off
    (date(2025, 12, 31), 1, date(2026, 1, 5)),
    (date(2026, 1, 5), -3, date(2025, 12, 29)),
    (date(2025, 1, 2), 1, date(2025, 1, 5)),     # the worked Sunday counts
    (date(2026, 2, 16), 0, date(2026, 2, 16)),
    (date(2026, 3, 22), 0, date(2026, 3, 22)),   # n = 0 is d itself, working or not
])
def test_add_working_days(d, n, expected):
    assert add_working_days(d, n) == expected


def test_agrees_with_holidays_helpers_without_overrides(monkeypatch):
    """The loop here is holidays' own arithmetic, only over the override table."""
    monkeypatch.setattr(workdays, "OVERRIDES", {})
    kz = holidays.country_holidays("KZ")
    start = date(2024, 12, 20)
    for i in range(0, 480, 7):
        d = start + timedelta(days=i)
        for n in (-10, -3, -1, 1, 2, 3, 30):
            assert add_working_days(d, n) == kz.get_nth_working_day(d, n), (d, n)
        assert working_days_between(d, d + timedelta(days=40)) == kz.get_working_days_count(d, d + timedelta(days=40))


def test_between_is_inclusive_and_empty_when_reversed():
    assert working_days_between(date(2026, 2, 16), date(2026, 2, 20)) == 5
    assert working_days_between(date(2026, 2, 20), date(2026, 2, 16)) == 0


def test_override_table_is_consulted_first(monkeypatch):
    # A made-up decree making 31 December 2026 a day off: the table wins over holidays.
    off = date(2026, 12, 31)
    assert is_working_day(off)
    monkeypatch.setattr(workdays, "OVERRIDES", {off: Override(False, "test decree")})
    assert not is_working_day(off)
    assert working_days_in_year(2026) == 246
    # 1-2 January 2027 are Friday and Saturday, so Monday 4 January is off too.
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 5)


def test_override_as_parameter():
    saturday = date(2026, 1, 3)
    table = {saturday: Override(True, "test decree"), date(2025, 1, 5): Override(False, "test decree")}
    assert is_working_day(saturday, table)
    assert not is_working_day(date(2025, 1, 5), table)
    assert working_days_in_year(2026, table) == 248
    assert add_working_days(date(2026, 1, 2), 1, table) == saturday
    assert add_working_days(date(2026, 1, 2), 1) == date(2026, 1, 5)  # the module table is untouched


def test_shipped_override_table_is_well_formed():
    for d, row in workdays.OVERRIDES.items():
        assert isinstance(d, date) and isinstance(row.working, bool) and row.decree.strip()
