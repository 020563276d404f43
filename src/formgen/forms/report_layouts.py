"""The structure and arithmetic of the quarterly reports, read from data/reports/*.yaml."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..resources import DATA_DIR, read_yaml

REPORT_IDS = ("report-1mk", "report-2mk", "report-3mk", "report-4mk")


@dataclass(frozen=True)
class Sum:
    """total = the sum of parts (exhaustive), or total ≥ that sum."""

    total: str
    parts: tuple[str, ...]
    exhaustive: bool = True
    heading: str | None = None  # wording key of the column heading over total and parts


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class ReportLayout:
    id: str
    annex: int
    deadline_day: int
    columns: tuple[str, ...]
    column_sums: tuple[Sum, ...]
    # 1-mk: fixed rows in tables, sub-rows, subtypes
    tables: tuple[Table, ...] = ()
    row_sums: tuple[Sum, ...] = ()
    subtypes: dict[str, str] = field(default_factory=dict)
    # 2-mk..4-mk: groups → providers → services → subtypes
    groups: tuple[str, ...] = ()
    total_first: bool = True

    @property
    def hierarchical(self) -> bool:
        return not self.tables

    @property
    def row_codes(self) -> tuple[str, ...]:
        return tuple(code for table in self.tables for code in table.rows)

    def table_of(self, row_code: str) -> Table:
        return next(t for t in self.tables if row_code in t.rows)


def _sums(raw: list[dict[str, Any]]) -> tuple[Sum, ...]:
    return tuple(Sum(s["total"], tuple(s["parts"]), s.get("exhaustive", True), s.get("heading")) for s in raw)


@functools.cache
def layout(report_id: str) -> ReportLayout:
    raw = read_yaml(DATA_DIR / "reports" / f"{report_id}.yaml")
    sets = raw.get("column_sets", {})
    tables = tuple(Table(tuple(t["headings"]), tuple(sets[t["columns"]]), tuple(t["rows"])) for t in raw.get("tables", ()))
    columns = tuple(dict.fromkeys(c for s in sets.values() for c in s)) if sets else tuple(raw["columns"])
    return ReportLayout(
        id=report_id, annex=raw["annex"], deadline_day=raw["deadline_day"], columns=columns,
        column_sums=_sums(raw["column_sums"]), tables=tables, row_sums=_sums(raw.get("row_sums", [])),
        subtypes=dict(raw.get("subtypes", {})), groups=tuple(raw.get("groups", ())),
        total_first=raw.get("total_first", True),
    )
