"""XLSX of the quarterly reports: a return to fill in, and a consolidation.

The sheet looks like the form (header merged as the law prints it, numbers as
numbers, "-" where empty) and works as a spreadsheet should: printed on
landscape A4 fitted to the width with the table's header on every page,
headings frozen, input cells marked and checked (whole numbers, at least 0),
everything else protected (without a password), and the totals the form fixes
shown as formulas.  Every language puts the same cell at the same address.

What a program needs to read it back (xlsx_read.py) rides along hidden:
column A holds each row's key, a hidden row above each table its column
codes, and a hidden, protected sheet which form, language, quarter and body
the return is for, and the names as formgen wrote them in every language.
Rows of service providers, services and subtypes carry a number in the code
column (1, 1.1, 1.1.1; under 2-mk's and 3-mk's groups 1.1, 1.1.1, …): its
depth says what a row typed in by hand is.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import zipfile
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import FormgenError
from ..forms.report_layouts import ReportLayout, layout
from ..forms.report_tables import placements, printed_tables
from ..forms.reports import EMPTY, date_label
from ..forms.schemas.reports import Report
from ..forms.wording import wording
from ..locale import LANGS, Lang, quarter_bounds
from .sandbox import html_env

META_SHEET = "formgen"
FORM_MARK = "#form"          # A1 of the sheet that holds the form (a consolidation's total)
BODY_MARK = "#body"          # A1 of a body's sheet in a consolidation: "#body obl-01"
COLUMNS_KEY = "#columns"     # column A of the hidden row of a table's column codes
END_KEY = "#end"             # column A of the row after a table
PLACEHOLDER = "#placeholder"  # column A of a blank row to fill in: "#placeholder provider"
FIRST = 2                    # column B: the row code; C: the label; D on: the values
GROUP_PREFIX = {"paper": "1.", "electronic": "2.", "providers": ""}
"""Where the rows of providers sit, and the number their codes start with."""

_CHUNK = 30000
_RULES_DATE = dt.date(2016, 12, 8)   # the Rules' own date: a blank of no quarter is dated by it
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
_NUMBER = Alignment(horizontal="center", vertical="top")
_CENTRED_LINE, _RIGHT = Alignment(horizontal="center"), Alignment(horizontal="right")
_INPUT = PatternFill("solid", fgColor="FFF8DC")
_OPEN = Protection(locked=False)
_FONT = "Times New Roman"   # as the law's forms are set; LibreOffice shows it in a metric twin (Liberation Serif)
_LINE = 12.75               # points a line of 10-point text takes
_REGULAR, _BOLD = Font(name=_FONT, size=10), Font(name=_FONT, size=10, bold=True)

_CONSOLIDATION = {
    "kk": {"line": "Жиынтық есеп, {period}: {count} есеп қосылды ({bodies})", "sheet": "Жиынтық"},
    "ru": {"line": "Сводный отчёт, {period}: сложено отчётов — {count} ({bodies})", "sheet": "Свод"},
    "en": {"line": "Consolidated report, {period}: {count} reports added ({bodies})", "sheet": "Total"},
}


def structure_of(data: Report | None) -> dict[str, Any]:
    """The report's data without its numbers: the reporter, the date, the names of subtypes, services and providers."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("cells", "rows", "total")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data.model_dump(mode="json", exclude_none=True)) if data is not None else {}


def row_code(key: str) -> str:
    """The number of a provider's, service's or subtype's row from its key: paper/providers/0/services/1/cells → 1.1.2."""
    parts = key.split("/")
    return GROUP_PREFIX[parts[0] if parts[0] in ("paper", "electronic") else "providers"] + ".".join(
        str(int(p) + 1) for p in parts if p.isdigit())


@functools.cache
def _rows_above_tables(report_id: str) -> int:
    """Annex lines differ in number between languages: every language gets as many rows as the longest."""
    return max(len(wording(lang, report_id)["annex"]) for lang in LANGS)


def _merge_unboxed(sheet: Worksheet, row: int, first: int, last: int) -> None:
    """Merge a line's cells as Worksheet.merge_cells does, less the border it draws round the range
    (a line has none), which costs as much as the rest of the sheet."""
    merged = MergedCellRange(sheet, f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")
    sheet.merged_cells.add(merged)
    for column in range(first + 1, last + 1):
        sheet._cells[row, column] = MergedCell(sheet, row, column)


@functools.cache
def _expression(text: str):
    """A heading cell's template expression (a month's name, the quarter's column), compiled once."""
    return html_env().compile_expression(text)


def _lines(text: str, width: float) -> int:
    """How many lines text wraps to in a cell width characters wide (words kept whole)."""
    count = 0
    for paragraph in str(text).split("\n"):
        used, count = 0, count + 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > width:
                count, used = count + 1, 0
            used += len(word) + (1 if used else 0)
            while used > width:
                count, used = count + 1, used - int(width)
    return count


def _height(lines: int) -> float | None:
    """A row's height in points for so many lines of 10-point text (None: the default, one line)."""
    return _LINE * lines + 2 if lines > 1 else None


@dataclass
class _Formula:
    cell: str
    refs: list[str]


@dataclass
class _SheetWriter:
    """Writes one report onto one sheet; collects the formulas whose values the file must carry."""

    sheet: Worksheet
    report_id: str
    lang: Lang
    context: dict[str, Any]
    blank: bool
    formulas: list[_Formula] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    styles: dict[tuple, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lay: ReportLayout = layout(self.report_id)
        self.words = wording(self.lang, self.report_id)
        self.tables = printed_tables(self.lay, self.lang)
        self.width = 2 + max(t.last - t.first for t in self.tables)
        self.last_col = FIRST + self.width - 1
        self.widths = {FIRST: 7, FIRST + 1: 70 if self.width <= 10 else 40,
                       **{c: 12 for c in range(FIRST + 2, self.last_col + 1)}}
        self.row = 1

    def put(self, row: int, column: int, value: Any, *, bold: bool = False, align: Alignment | None = None,
            boxed: bool = False, number_format: str | None = None, open_: bool = False):
        """A cell with its value and its whole style, set at once: openpyxl hashes every style object
        it is given, so each combination is made once per sheet and copied (its StyleArray) after."""
        cell = self.sheet.cell(row, column)
        cell.value = value  # never over a cell's 32,767 characters: the schemas' text limits are far below
        key = (bold, align, boxed, number_format, open_)
        if key in self.styles:
            cell._style = copy(self.styles[key])
            return cell
        cell.font = _BOLD if bold else _REGULAR
        if align is not None:
            cell.alignment = align
        if boxed:
            cell.border = _BOX
        if number_format:
            cell.number_format = number_format
        if open_:
            cell.protection, cell.fill = _OPEN, _INPUT
        self.styles[key] = copy(cell._style)
        return cell

    def span_width(self, first: int, last: int) -> float:
        """Characters that fit on a line across columns first..last (a little less than their widths)."""
        return 1.2 * sum(self.widths.get(c, 12) for c in range(first, last + 1))

    def fit(self, row: int, lines: int) -> None:
        height = _height(lines)
        if height and height > (self.sheet.row_dimensions[row].height or 0):
            self.sheet.row_dimensions[row].height = height

    def line(self, text: str, bold: bool = False, align: Alignment = _WRAP, first: int = FIRST) -> None:
        self.put(self.row, first, text, bold=bold, align=align)
        if first < self.last_col:
            _merge_unboxed(self.sheet, self.row, first, self.last_col)
        self.fit(self.row, _lines(text, self.span_width(first, self.last_col)))
        self.row += 1

    def write(self, marker: str, note: str) -> None:
        words, context = self.words, self.context
        self.put(1, 1, marker)
        annex = list(words["annex"])
        for text in annex + [""] * (_rows_above_tables(self.report_id) - len(annex)):
            self.line(text, align=_CENTRED_LINE, first=max(FIRST, self.last_col - 3))
        self.line(words["form_label"], align=_RIGHT)
        for key, entry in words["header"].items():
            value = context[key] if key == "period" else entry["value"]
            self.line(f"{entry['label']} {value}")
        self.line(note, bold=True)
        self.line(words["table_title"], bold=True, align=_CENTRE)
        header_rows = None
        for table in self.tables:
            for heading in table.headings:
                self.line(heading, bold=True)
            top = self.row
            self.header(table)
            header_rows = header_rows or (top, self.row - 1)
            self.table(table)
        self.sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
        self.footer()
        self.set_up(header_rows[1] + 2)

    def header(self, table) -> None:
        top = self.row
        for r, c, cell in placements(table.header):
            text = _expression(cell.text)(**self.context) if cell.expr else cell.text
            self.put(top + r, FIRST + c, text, align=_CENTRE, boxed=True)
            if cell.rowspan > 1 or cell.colspan > 1:
                self.sheet.merge_cells(start_row=top + r, start_column=FIRST + c,
                                       end_row=top + r + cell.rowspan - 1, end_column=FIRST + c + cell.colspan - 1)
            lines = _lines(text, self.span_width(FIRST + c, FIRST + c + cell.colspan - 1))
            self.fit(top + r + cell.rowspan - 1, lines - (cell.rowspan - 1))
        self.row = top + len(table.header)

    def table(self, table) -> None:
        lay = self.lay
        columns = lay.columns if lay.hierarchical else lay.tables[table.index].columns
        shown = columns[table.first:table.last]
        self.put(self.row, 1, COLUMNS_KEY)
        for i, code in enumerate(shown):
            self.put(self.row, FIRST + 2 + i, code)
        self.sheet.row_dimensions[self.row].hidden = True
        self.row += 1
        printed_rows = self.context["tables"][table.index]
        rows_of = {p["key"]: self.row + i for i, p in enumerate(printed_rows) if p["key"]}
        derived = self.derived(shown, rows_of)
        prefix = ""
        for printed in printed_rows:
            kind, key, row = printed["kind"], printed["key"], self.row
            named = kind in ("provider", "service", "subtype") or kind.startswith("placeholder")
            if key in ("paper/cells", "electronic/cells"):
                prefix = GROUP_PREFIX[key.split("/")[0]]
            if kind.startswith("placeholder"):   # 1-mk: "placeholder" (a subtype); else "placeholder provider", …
                what = kind.removeprefix("placeholder").strip() or "subtype"
                code = prefix + {"provider": "1", "service": "1.1", "subtype": "1.1.1"}[what] if lay.hierarchical else ""
                self.put(row, 1, f"{PLACEHOLDER} {what}")
            else:
                code = row_code(key) if named and not lay.subtypes else printed["code"]
                self.put(row, 1, key)
            # the code as text: typed numbers like 1.10 stay 1.10, not 1.1
            self.put(row, FIRST, code, align=_WRAP, boxed=True, number_format="@", open_=named)
            self.put(row, FIRST + 1, printed["label"], align=_WRAP, boxed=True, open_=named)
            self.fit(row, _lines(printed["label"], self.span_width(FIRST + 1, FIRST + 1)))
            for i, value in enumerate(printed["values"][table.first:table.last]):
                coordinate = f"{get_column_letter(FIRST + 2 + i)}{row}"
                cell = self.put(row, FIRST + 2 + i, value if value is not None or self.blank else EMPTY,
                                align=_NUMBER, boxed=True, number_format="#,##0", open_=coordinate not in derived)
                self.values[coordinate] = cell.value
                if coordinate not in derived:
                    self.inputs.append(coordinate)
            self.row += 1
        self.formulas += [_Formula(cell, refs) for cell, refs in derived.items()]
        self.put(self.row, 1, END_KEY)
        self.row += 1

    def derived(self, shown: tuple[str, ...], rows_of: dict[str, int]) -> dict[str, list[str]]:
        """The totals this table fixes, as formulas: cell → the cells it adds up.  Every other value
        cell is an input.  A total's parts that are totals themselves come before it."""
        letter = {c: get_column_letter(FIRST + 2 + i) for i, c in enumerate(shown)}
        derived: dict[str, list[str]] = {}
        totals = {f"rows/{s.total}": [f"rows/{p}" for p in s.parts] for s in self.lay.row_sums if s.exhaustive}
        if self.lay.groups:
            totals["total"] = ["paper/cells", "electronic/cells"]
        for total, parts in totals.items():
            if total in rows_of and all(p in rows_of for p in parts):
                for c in shown:
                    derived[f"{letter[c]}{rows_of[total]}"] = [f"{letter[c]}{rows_of[p]}" for p in parts]
        column_sums = [s for s in self.lay.column_sums if s.exhaustive and s.total in letter
                       and all(p in letter for p in s.parts)]
        for key, row in rows_of.items():
            if key.startswith("rows/"):
                for rule in column_sums:
                    derived[f"{letter[rule.total]}{row}"] = [f"{letter[p]}{row}" for p in rule.parts]
        return derived

    def footer(self) -> None:
        footer, reporter = self.words["footer"], self.context["reporter"]
        for key in ("authority", "address", "phone", "email"):
            self.line(f"{footer[key]}: {reporter[key]}")
        self.line(footer["head"])
        self.line(f"{reporter['head']}    ________________    {footer['signature_caption']}")
        self.line(f"{date_label(footer)}{self.context['date']}    {footer['stamp']}")

    def set_up(self, first_data_row: int) -> None:
        """Column widths, the formulas and their values, input checks, print set-up, frozen headings, protection."""
        sheet = self.sheet
        sheet.column_dimensions["A"].hidden = True
        for column, width in self.widths.items():
            sheet.column_dimensions[get_column_letter(column)].width = width
        for formula in self.formulas:   # in order: a total's parts that are totals come first
            parts = [self.values.get(ref) for ref in formula.refs]
            self.values[formula.cell] = sum(parts) if all(isinstance(p, int) for p in parts) else EMPTY
            refs = ",".join(formula.refs)
            sheet[formula.cell] = f'=IF(COUNT({refs})={len(formula.refs)},SUM({refs}),"{EMPTY}")'
        if self.inputs:
            check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                   showErrorMessage=True, error="0, 1, 2, … (or leave the cell empty)",
                                   errorTitle="A whole number")
            for cells in _runs(self.inputs):
                check.add(cells)
            sheet.add_data_validation(check)
        setup = sheet.page_setup
        setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.freeze_panes = f"{get_column_letter(FIRST + 2)}{first_data_row}"
        protection = sheet.protection
        protection.sheet = True
        protection.insertRows = protection.deleteRows = False      # allowed: rows for more services
        protection.formatColumns = protection.formatRows = False   # allowed: widths and heights

    def cached(self) -> dict[str, Any]:
        """Each formula cell's value, as a spreadsheet computes it."""
        return {f.cell: self.values[f.cell] for f in self.formulas}


def _runs(coordinates: list[str]) -> list[str]:
    """Cells as ranges of neighbours in a row: D22, E22, F22 → D22:F22."""
    runs: list[list[int]] = []   # [row, first column, last column]
    for coordinate in coordinates:
        column, row = coordinate_from_string(coordinate)
        index = column_index_from_string(column)
        if runs and runs[-1][0] == row and runs[-1][2] == index - 1:
            runs[-1][2] = index
        else:
            runs.append([row, index, index])
    return [f"{get_column_letter(a)}{r}:{get_column_letter(b)}{r}" for r, a, b in runs]


def _meta(book: Workbook, entries: Iterable[tuple[str, Any]]) -> None:
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    for r, (key, value) in enumerate(entries, 1):
        meta.cell(r, 1, key)
        meta.cell(r, 2, value)


def _names(data: Report | None) -> list[tuple[str, str]]:
    text = json.dumps(structure_of(data), ensure_ascii=False)
    return [("names", text[i:i + _CHUNK]) for i in range(0, max(len(text), 1), _CHUNK)]


def _properties(book: Workbook, report_id: str, lang: Lang, context: dict[str, Any], who: str) -> None:
    properties = book.properties
    properties.creator = "formgen"
    properties.title = f"{wording(lang, report_id)['header']['index']['value']}: {context['period']}{who}"
    properties.subject = report_id
    properties.keywords = f"formgen {report_id} {context['year']}Q{context['quarter']}"


def _finished(content: bytes, cached: list[dict[str, Any]], stamp: dt.datetime) -> bytes:
    """The saved workbook with each formula's value beside it, as Excel and LibreOffice save one
    (openpyxl writes formulas without values, which a reader cannot tell from an empty cell), and
    no clock in it: the same report gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if found and int(found.group(1)) <= len(cached) and cached[int(found.group(1)) - 1]:
                values = cached[int(found.group(1)) - 1]

                def fill(match: re.Match) -> str:
                    value = values.get(match.group(1))
                    kind = ' t="str"' if isinstance(value, str) else ""
                    return f'<c r="{match.group(1)}"{match.group(2)}{kind}><f>{match.group(3)}</f><v>{value}</v></c>'

                data = re.sub(r'<c r="([A-Z]+\d+)"((?: s="\d+")?)><f>([^<]*)</f><v\s*(?:/>|></v>)</c>',
                              fill, data.decode()).encode()
            elif item.filename == "docProps/core.xml":   # openpyxl sets "modified" to the time of saving
                data = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rf"\g<1>{stamp.isoformat()}Z\g<2>", data.decode()).encode()
            target.writestr(zipfile.ZipInfo(item.filename, stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _stamp(context: dict[str, Any], data: Report | None) -> dt.datetime:
    """The time a file says it was made: the report's date, else the end of its quarter."""
    if data is not None and data.date:
        day = data.date
    elif context["year"] and context["quarter"]:
        day = quarter_bounds(context["year"], context["quarter"])[1]
    else:
        day = _RULES_DATE
    return dt.datetime(day.year, day.month, day.day)


def _save(book: Workbook, writers: list[_SheetWriter | None], stamp: dt.datetime) -> bytes:
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _finished(buffer.getvalue(), [w.cached() if w else {} for w in writers], stamp)


def render_xlsx(report_id: str, data: Report | None, lang: Lang, context: dict[str, Any],
                body: str | None = None) -> bytes:
    """A report to fill in (data None) or filled, as a return of body (its id, when known)."""
    book = Workbook()
    sheet = book.active
    sheet.title = wording(lang, report_id)["header"]["index"]["value"]
    writer = _SheetWriter(sheet, report_id, lang, context, blank=data is None)
    writer.write(FORM_MARK, "")
    _meta(book, [("form", report_id), ("lang", lang), ("year", context["year"]), ("quarter", context["quarter"]),
                 ("kind", "return"), ("body", body), *_names(data)])
    _properties(book, report_id, lang, context, f", {body}" if body else "")
    return _save(book, [writer], _stamp(context, data))


def _sheet_title(name: str, taken: set[str]) -> str:
    """A sheet title from a body's name: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "_"
    title, n = base, 1
    while title.casefold() in taken:
        n += 1
        title = f"{base}~{n}"
    taken.add(title.casefold())
    return title


def render_consolidation_xlsx(report_id: str, lang: Lang, total: tuple[Report, dict[str, Any]],
                              parts: list[tuple[str, Report, dict[str, Any]]]) -> bytes:
    """The consolidated report: the total on the first sheet, saying which bodies it adds up for which
    quarter, and a sheet per body (named by its id, or its file) beside it."""
    words = _CONSOLIDATION[lang]
    model, context = total
    book = Workbook()
    sheet = book.active
    sheet.title = words["sheet"]
    bodies = [name for name, _, _ in parts]
    note = words["line"].format(period=context["period"], count=len(parts), bodies=", ".join(bodies))
    writers = [_SheetWriter(sheet, report_id, lang, context, blank=False)]
    writers[0].write(FORM_MARK, note)
    taken = {sheet.title.casefold(), META_SHEET}
    for name, part, part_context in parts:
        writer = _SheetWriter(book.create_sheet(_sheet_title(name, taken)), report_id, lang, part_context, blank=False)
        writer.write(f"{BODY_MARK} {name}", name)
        writers.append(writer)
    _meta(book, [("form", report_id), ("lang", lang), ("year", context["year"]), ("quarter", context["quarter"]),
                 ("kind", "consolidation"), ("body", None), ("bodies", json.dumps(bodies, ensure_ascii=False)),
                 *_names(model)])
    _properties(book, report_id, lang, context, f", {len(parts)}: {', '.join(bodies)}"[:200])
    return _save(book, writers, _stamp(context, model))
