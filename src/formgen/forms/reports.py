"""The quarterly reports (Annexes 7–10): what their templates print for a
quarter, filled from a report's data or blank.

Totals left out are computed by the arithmetic engine before printing; an
empty cell prints "-" as the clarification requires, a blank form's cells
stay empty for filling by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from .. import locale
from ..errors import FormgenError, InvalidData
from ..locale import Lang
from .arithmetic import Node
from .audit import UNDERLINE
from .names import name_in
from .report_layouts import ReportLayout, layout
from .schemas.common import localize
from .schemas.reports import BlankReport, Report, Report1mk, Reporter
from .validation import missing_translations, validate_model
from .wording import wording

EMPTY = "-"
OPTIONS = ("with_clarification",)
# Template variables and the schema fields they are made from.
_DERIVED_COMMON = {
    "period": ("year", "quarter"), "reporter": ("reporter",), "date": ("date",),
}
_DERIVED = {
    "report-1mk": {"tables": ("rows", "subtypes"), "months": ("quarter",), "quarter_total": ("quarter",)},
    "report-2mk": {"tables": ("total", "paper", "electronic")},
    "report-3mk": {"tables": ("total", "paper", "electronic")},
    "report-4mk": {"tables": ("total", "providers")},
}


def derived_fields(report_id: str) -> dict[str, tuple[str, ...]]:
    """Each template variable of the report and the schema fields it is made from."""
    return {**_DERIVED_COMMON, **_DERIVED[report_id]}


def deadline(year: int, quarter: int, lay: ReportLayout) -> dt.date:
    """The day of the month after the quarter by which the report is due."""
    _, last = locale.quarter_bounds(year, quarter)
    following = last + dt.timedelta(days=1)
    return following.replace(day=lay.deadline_day)


def date_label(footer: dict[str, str]) -> str:
    """What precedes the date by the stamp: the English copy labels it (without a colon), the Kazakh text (and the
    Russian after it) does not."""
    return f"{footer['date']} " if "date" in footer else ""


def _row(code: str, label: str, cells: tuple[list[str], list[int | None]], kind: str,
         key: str | None = None) -> dict[str, Any]:
    """A printed row: its cells as printed and as numbers (None: empty); key is the "/"-separated
    path of its cells in the report's data (None for a placeholder)."""
    printed, values = cells
    return {"code": code, "label": label, "cells": printed, "values": values, "kind": kind, "key": key}


class _Printer:
    """Formats one report's rows in one language; blank when there is no data."""

    def __init__(self, lay: ReportLayout, lang: Lang, blank: bool):
        self.lay, self.lang, self.blank = lay, lang, blank
        self.words = wording(lang, lay.id)

    def cells(self, node: Node | None, columns: tuple[str, ...]) -> tuple[list[str], list[int | None]]:
        values = [None if node is None else node.values.get(c) for c in columns]
        empty = "" if self.blank else EMPTY
        return [empty if v is None else locale.format_number(v, self.lang) for v in values], values

    def name(self, text) -> str:
        return localize(text, self.lang)

    # -- 1-mk
    def tables_1mk(self, data: Report1mk | None, nodes: dict[str, Node]) -> list[list[dict[str, Any]]]:
        rows = self.words["rows"]
        tables = []
        for table in self.lay.tables:
            printed = []
            for code in table.rows:
                kind = "total" if any(s.total == code for s in self.lay.row_sums) else "row"
                printed.append(_row(f"{code}.", rows[code], self.cells(nodes.get(code), table.columns), kind,
                                    f"rows/{code}"))
                if code in self.lay.subtypes:
                    printed += self.subtypes_1mk(data, nodes, code, table.columns)
            tables.append(printed)
        return tables

    def subtypes_1mk(self, data, nodes, parent: str, columns) -> list[dict[str, Any]]:
        subtypes = [] if data is None else data.subtypes.get(parent, [])
        if not subtypes:
            return [_row("", self.words["dynamic"][self.lay.subtypes[parent]], self.cells(None, columns), "placeholder")]
        return [_row("", ", ".join(filter(None, [self.name(s.name), s.system and self.name(s.system)])),
                     self.cells(child, columns), "subtype", f"subtypes/{parent}/{i}/cells")
                for i, (s, child) in enumerate(zip(subtypes, nodes[parent].children))]

    # -- 2-mk, 3-mk, 4-mk
    def providers(self, providers, nodes: list[Node], numbered: bool, path: str) -> list[dict[str, Any]]:
        rows, cols = self.words["rows"], self.lay.columns
        if not providers:
            placeholders = (("1" if numbered else "", "provider"), ("", "service"), ("", "subtype"))
            return [_row(code, rows[key], self.cells(None, cols), f"placeholder {key}")
                    for code, key in placeholders] if self.blank else []
        printed = []
        for i, (provider, p_node) in enumerate(zip(providers, nodes)):
            p_path = f"{path}/{i}"
            printed.append(_row(str(i + 1) if numbered else "", self.name(provider.name), self.cells(p_node, cols),
                                "provider", f"{p_path}/cells"))
            for j, (service, s_node) in enumerate(zip(provider.services, p_node.children)):
                s_path = f"{p_path}/services/{j}"
                printed.append(_row("", self.name(service.name), self.cells(s_node, cols), "service", f"{s_path}/cells"))
                printed += [_row("", self.name(sub.name), self.cells(t_node, cols), "subtype", f"{s_path}/subtypes/{k}/cells")
                            for k, (sub, t_node) in enumerate(zip(service.subtypes, s_node.children))]
        return printed

    def table_hierarchy(self, data: Report | None, roots: list[Node]) -> list[dict[str, Any]]:
        rows, cols = self.words["rows"], self.lay.columns
        total_node = roots[0] if roots else None
        total = _row("", rows["total"], self.cells(total_node, cols), "total", "total")
        if not self.lay.groups:
            body = self.providers(data.providers if data else [], total_node.children if total_node else [], True,
                                  "providers")
            return [*body, total]
        printed = [total]
        for n, name in enumerate(("paper", "electronic"), 1):
            group = getattr(data, name) if data else None
            node = total_node.children[n - 1] if total_node else None
            printed.append(_row(f"{n}.", rows[str(n)], self.cells(node, cols), "group", f"{name}/cells"))
            printed += self.providers(group.providers if group else [], node.children if node else [], False,
                                      f"{name}/providers")
        return printed


def _tables(report_id: str, data: Report | None, lang: Lang) -> list[list[dict[str, Any]]]:
    lay = layout(report_id)
    printer = _Printer(lay, lang, blank=data is None)
    roots: list[Node] = data.solved()[0] if data is not None else []
    if lay.hierarchical:
        return [printer.table_hierarchy(data, roots)]
    nodes = {node.code: node for root in roots for node in root.walk()}
    return printer.tables_1mk(data, nodes)


@functools.cache
def _blank_tables(report_id: str, lang: Lang) -> list[list[dict[str, Any]]]:
    """A blank form's rows are the same for every quarter and body: made once (shared: not to be changed)."""
    return _tables(report_id, None, lang)


def _reporter(reporter: Reporter | None, lang: Lang) -> dict[str, str]:
    blank = {"authority": UNDERLINE[:40], "address": UNDERLINE[:40], "phone": UNDERLINE[:24],
             "email": UNDERLINE[:24], "head": UNDERLINE[:48]}
    if reporter is None:
        return blank
    given = {name: name_in(value, lang) if name in reporter.NAME_FIELDS else localize(value, lang)
             for name, value in reporter if value is not None}
    return {**blank, **given}


def context(report_id: str, data: Report | None, lang: Lang, *, with_clarification: bool = False,
            **blank: Any) -> dict[str, Any]:
    """The templates' context for a filled report, or for the blank form of a quarter (or of no quarter).

    A blank form takes `year`, `quarter` and `reporter` (see BlankReport); a
    filled one has them in its data.
    """
    words = wording(lang, report_id)
    if data is None:
        options = validate_model(BlankReport, blank)
        missing = missing_translations(options, lang)
        if missing:
            raise InvalidData(missing)
        year, quarter, reporter = options.year, options.quarter, options.reporter
    elif blank:
        raise FormgenError(f"{', '.join(sorted(blank))}: a filled report takes these from its data")
    else:
        year, quarter, reporter = data.year, data.quarter, data.reporter
    tables = _tables(report_id, data, lang) if data is not None else _blank_tables(report_id, lang)
    quarterly = year is not None and quarter is not None
    columns = words["columns"]
    return {
        "year": year, "quarter": quarter,
        "period": locale.format_quarter(year, quarter, lang) if quarterly else locale.blank_quarter(lang),
        "months": list(locale.quarter_months(quarter, lang)) if quarter else columns.get("month_generic", ["", "", ""]),
        "quarter_total": columns.get("for_quarter", "").format(quarter=locale.quarter_number(quarter, lang))
        if quarter else columns.get("for_quarter_blank", ""),
        "tables": tables,
        "reporter": _reporter(reporter, lang),
        "date": locale.format_quoted_date(data.date, lang) if data is not None and data.date
        else locale.blank_quoted_date(lang),
        "with_clarification": with_clarification or data is None,
    }
