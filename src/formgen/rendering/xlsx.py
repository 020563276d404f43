"""XLSX output of the quarterly reports, and reading such a file back.

The sheet looks like the form (header merged as the law prints it, cells as
numbers, "-" where empty) and carries what a program needs to read it back:
a hidden first column with each row's path in the report's data, a hidden row
with each table's column codes, and a hidden sheet with the form id, quarter
and the names of subtypes and service providers.  A clerk may fill numbers in
and the file still reads back (formgen consolidate takes it).
"""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..errors import FormgenError
from ..forms.report_layouts import layout
from ..forms.report_tables import placements, printed_tables
from ..forms.reports import EMPTY, date_label
from ..forms.schemas.reports import Report
from ..forms.wording import wording
from ..locale import Lang
from .sandbox import html_env

META_SHEET = "formgen"
COLUMNS_KEY = "#columns"
_CHUNK = 30000  # a cell holds at most 32,767 characters
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
FIRST = 2  # column B: the row code; C: the label; D on: the values


def structure_of(data: Report | None) -> dict[str, Any]:
    """The report's data without its numbers: names of subtypes, services and providers."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("cells", "rows", "total")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data.model_dump(mode="json", exclude_none=True)) if data is not None else {}


def render_xlsx(report_id: str, data: Report | None, lang: Lang, context: dict[str, Any]) -> bytes:
    lay, words = layout(report_id), wording(lang, report_id)
    book = Workbook()
    sheet = book.active
    sheet.title = words["header"]["index"]["value"]
    tables = printed_tables(lay, lang)
    width = 2 + max(t.last - t.first for t in tables)   # code, label, values
    last_col = FIRST + width - 1
    row = 1

    def line(text: str, bold: bool = False, align: Alignment = _WRAP, first: int = FIRST) -> None:
        nonlocal row
        sheet.cell(row, first, text).font = Font(bold=bold)
        sheet.cell(row, first).alignment = align
        if first < last_col:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last_col)
        row += 1

    for text in words["annex"]:
        line(text, align=Alignment(horizontal="center"), first=max(FIRST, last_col - 3))
    line(words["form_label"], align=Alignment(horizontal="right"))
    for key, entry in words["header"].items():
        value = context[key] if key == "period" else entry["value"]
        line(f"{entry['label']} {value}")
    line(words["table_title"], bold=True, align=_CENTRE)
    for table in tables:
        for heading in table.headings:
            line(heading, bold=True)
        top = row
        for r, c, cell in placements(table.header):
            text = html_env().compile_expression(cell.text)(**context) if cell.expr else cell.text
            target = sheet.cell(top + r, FIRST + c, text)
            target.alignment, target.border = _CENTRE, _BOX
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(start_row=top + r, start_column=FIRST + c,
                                  end_row=top + r + cell.rowspan - 1, end_column=FIRST + c + cell.colspan - 1)
        row = top + len(table.header)
        columns = lay.columns if lay.hierarchical else lay.tables[table.index].columns
        sheet.cell(row, 1, COLUMNS_KEY)
        for i, code in enumerate(columns[table.first:table.last]):
            sheet.cell(row, FIRST + 2 + i, code)
        sheet.row_dimensions[row].hidden = True
        row += 1
        for printed in context["tables"][table.index]:
            sheet.cell(row, 1, printed["key"])
            sheet.cell(row, FIRST, printed["code"])
            sheet.cell(row, FIRST + 1, printed["label"]).alignment = _WRAP
            for i, value in enumerate(printed["values"][table.first:table.last]):
                cell = sheet.cell(row, FIRST + 2 + i, value if value is not None or data is None else EMPTY)
                cell.number_format = "#,##0"
                cell.alignment = Alignment(horizontal="center", vertical="top")
            for c in range(FIRST, FIRST + 2 + table.last - table.first):
                sheet.cell(row, c).border = _BOX
            row += 1
        row += 1
    footer, reporter = words["footer"], context["reporter"]
    for key in ("authority", "address", "phone", "email"):
        line(f"{footer[key]}: {reporter[key]}")
    line(footer["head"])
    line(f"{reporter['head']}    ________________    {footer['signature_caption']}")
    line(f"{date_label(footer)}{context['date']}    {footer['stamp']}")

    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions[get_column_letter(FIRST)].width = 7
    sheet.column_dimensions[get_column_letter(FIRST + 1)].width = 60 if width <= 6 else 40
    for c in range(FIRST + 2, last_col + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 12

    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    structure = json.dumps(structure_of(data), ensure_ascii=False)
    for r, (key, value) in enumerate((("form", report_id), ("lang", lang), ("year", context["year"]),
                                       ("quarter", context["quarter"])), 1):
        meta.cell(r, 1, key)
        meta.cell(r, 2, value)
    meta.cell(5, 1, "structure")
    for i in range(0, max(len(structure), 1), _CHUNK):
        meta.cell(5 + i // _CHUNK, 2, structure[i:i + _CHUNK])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _assign(root: dict[str, Any], key: str, cells: dict[str, int]) -> None:
    """Put cells at a "/"-separated path of the data: rows/1.1, paper/providers/0/cells, …"""
    *parents, last = key.split("/")
    target: Any = root
    for token in parents:
        target = target[int(token)] if isinstance(target, list) else target.setdefault(token, {})
    if isinstance(target, list):
        raise FormgenError(f"row key {key!r} does not name cells")
    target[last] = cells


def read_xlsx(content: bytes, source: str = "XLSX") -> tuple[str, dict[str, Any]]:
    """(form id, report data as JSON) read from a report formgen wrote, numbers as a clerk left them."""
    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise FormgenError(f"{source}: not a readable XLSX file: {error}") from None
    if META_SHEET not in book.sheetnames:
        raise FormgenError(f"{source}: not a report written by formgen (no {META_SHEET!r} sheet)")
    meta = book[META_SHEET]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 5)}
    structure = "".join(str(meta.cell(r, 2).value or "") for r in range(5, meta.max_row + 1))
    data: dict[str, Any] = json.loads(structure) if structure else {}
    data.update(year=values["year"], quarter=values["quarter"])
    sheet = book.worksheets[0]
    columns: list[str] = []
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        key = row[0].value
        if key == COLUMNS_KEY:
            columns = [str(c.value) for c in row[FIRST + 1:] if c.value is not None]
        elif key:
            cells = {}
            for column, cell in zip(columns, row[FIRST + 1:]):
                value = cell.value
                if value is None or value == EMPTY:
                    continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                if not isinstance(value, int) or isinstance(value, bool):
                    raise FormgenError(f"{source}: cell {cell.coordinate} (row {key}, column {column}) "
                                       f"holds {value!r}, not a whole number")
                cells[column] = value
            _assign(data, key, cells)
    return values["form"], data
