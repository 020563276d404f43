"""The printed structure of the report forms' tables: their headings, row by
row, with the cells that span several columns or rows, as the law prints them.

The template writers (formgen.authoring) and the XLSX writer both lay a
report's header out from this one description, so the DOCX, the PDF and the
XLSX show the same heading cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..locale import Lang
from .report_layouts import ReportLayout
from .wording import wording


@dataclass(frozen=True)
class HCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    expr: bool = False  # a template expression, printed as such


@dataclass(frozen=True)
class PrintedTable:
    headings: tuple[str, ...]
    header: tuple[tuple[HCell, ...], ...]
    index: int               # which of the context's tables
    first: int               # the slice of each row's cells it prints
    last: int


def _monthly_header(columns: dict, split: bool) -> tuple[tuple[HCell, ...], ...]:
    span = 2 if split else 1
    top = (HCell(columns["no"], rowspan=3 if split else 2), HCell(columns["activity"], rowspan=3 if split else 2),
           HCell(columns["months"], colspan=3 * span), HCell(columns["total"], colspan=span))
    names = tuple(HCell(f"months[{i}]", colspan=span, expr=True) for i in range(3)) + (
        HCell("quarter_total", colspan=span, expr=True),)
    if split:
        return top, names, tuple(HCell(columns[k]) for _ in range(4) for k in ("natural", "legal"))
    return top, names, (HCell(""), *(HCell(letter) for letter in columns["letters"]))


def _grouped_header(lay: ReportLayout, columns: dict, shown: tuple[str, ...]) -> tuple[tuple[HCell, ...], ...]:
    top, middle, bottom = [HCell(columns["no"], rowspan=3), HCell(columns["A"], rowspan=3)], [], []
    groups = {s.total: s for s in lay.column_sums if s.heading}
    placed = {p for s in groups.values() for p in s.parts}
    for column in shown:
        if column in groups:
            group = groups[column]
            top.append(HCell(columns[group.heading], colspan=1 + len(group.parts)))
            middle += [HCell(columns[column], rowspan=2), HCell(columns["of_them"], colspan=len(group.parts))]
            bottom += [HCell(columns[p]) for p in group.parts]
        elif column not in placed:
            top.append(HCell(columns[column], rowspan=3))
    codes = (HCell(""), HCell("А"), *(HCell(c) for c in shown))  # Cyrillic А, as every copy of the law has it
    return tuple(top), tuple(middle), tuple(bottom), codes


def placements(header: tuple[tuple[HCell, ...], ...]) -> list[tuple[int, int, HCell]]:
    """Where each heading cell sits in the grid (row, column), rowspans and colspans taken into account."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, header_row in enumerate(header):
        c = 0
        for cell in header_row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken |= {(r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
            c += cell.colspan
    return placed


def printed_tables(lay: ReportLayout, lang: Lang) -> list[PrintedTable]:
    words = wording(lang, lay.id)
    cols = words["columns"]
    if not lay.hierarchical:
        out = []
        for i, table in enumerate(lay.tables):
            headings = tuple(words["sections"][h] for h in table.headings)
            split = table.columns[0].endswith("n")
            out.append(PrintedTable(headings, _monthly_header(cols, split), i, 0, len(table.columns)))
        return out
    return [PrintedTable((), _grouped_header(lay, cols, lay.columns), 0, 0, len(lay.columns))]
