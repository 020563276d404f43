"""The outgoing-documents journal: the register's entries as CSV or XLSX, headed in kk, ru or en."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..forms.registry import get_form
from ..locale import Lang
from ..resources import DATA_DIR, read_yaml

if TYPE_CHECKING:
    from .register import Entry

COLUMNS = ("id", "number", "document_date", "title", "form_id", "lang", "authority", "department", "addressee",
           "entity_bin", "issued_at", "issued_by", "status", "voided_at", "void_reason", "pdf_sha256")
WIDTHS = {"id": 7, "number": 15, "document_date": 11, "title": 30, "form_id": 14, "lang": 5, "authority": 10,
          "department": 10, "addressee": 30, "entity_bin": 13, "issued_at": 17, "issued_by": 15, "status": 11,
          "voided_at": 17, "void_reason": 22, "pdf_sha256": 18}
"""Column widths in characters; long values wrap."""


@functools.cache
def _wording() -> dict[str, Any]:
    return read_yaml(DATA_DIR / "register.yaml")["journal"]


def _text(value: Any, lang: Lang) -> str:
    """A text of the case data in lang, or in the first language it has."""
    if isinstance(value, dict):
        return value.get(lang) or next(iter(value.values()), "")
    return value or ""


def addressee(case: dict[str, Any], lang: Lang) -> str:
    """Whom the document concerns: the subject of control, or the reporting body of a report."""
    if isinstance(case.get("entity"), dict):
        return _text(case["entity"].get("name"), lang)
    if isinstance(case.get("reporter"), dict):
        return _text(case["reporter"].get("authority"), lang)
    return ""


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment as Almaty's wall clock shows it (a spreadsheet cell holds no time zone)."""
    return moment.replace(tzinfo=None) if moment else None


def rows(entries: Sequence[Entry], lang: Lang) -> list[list[Any]]:
    """One row of values (dates as dates) per entry, in the order of COLUMNS."""
    status = _wording()["status"]
    return [[e.id, e.number, e.document_date, get_form(e.form_id).title_in(lang), e.form_id,
             e.lang, e.authority, e.department, addressee(e.case_data, lang), e.entity_bin or "",
             _local(e.issued_at), e.issued_by, status[e.status][lang], _local(e.voided_at), e.void_reason or "",
             e.outputs.get("pdf", "")] for e in entries]


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def headings(lang: Lang) -> list[str]:
    return [_wording()["columns"][c][lang] for c in COLUMNS]


def column_titles(lang: Lang) -> dict[str, str]:
    """Each column's heading in lang (the service's list of entries shows the journal's columns)."""
    return {column: titles[lang] for column, titles in _wording()["columns"].items()}


def status_words(lang: Lang) -> dict[str, str]:
    """issued / voided, as the journal says them in lang."""
    return {status: words[lang] for status, words in _wording()["status"].items()}


def to_csv(entries: Sequence[Entry], lang: Lang) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read Cyrillic CSV right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings(lang))
    writer.writerows([_csv_value(v) for v in row] for row in rows(entries, lang))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(entries: Sequence[Entry], lang: Lang) -> bytes:
    """The journal as a worksheet: its title, a bold heading row that stays in view (and is printed on
    every page, landscape, the columns fitted to the page's width), one entry a row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "journal"
    sheet.append([_wording()["title"][lang]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(headings(lang))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows(entries, lang):
        sheet.append(row)
        lines = max(-(-len(str(value or "")) // WIDTHS[column]) for column, value in zip(COLUMNS, row))
        sheet.row_dimensions[sheet.max_row].height = 15 * max(lines, 1)  # spreadsheets do not grow rows on opening
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD.MM.YYYY HH:MM:SS"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    for i, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS[column]
    sheet.row_dimensions[2].height = 45
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # the columns on one page's width
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
