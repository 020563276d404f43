"""XLSX of the quarterly reports: numbers as numbers, the header merged as in
the form, and a file that reads back to the data it was written from."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

import formgen
from formgen.forms.report_layouts import REPORT_IDS
from formgen.rendering.xlsx import COLUMNS_KEY, read_xlsx, structure_of

from conftest import load_fixture

LANGS = ("kk", "ru", "en")


def given_cells(data, path=""):
    """Every cell the fixture gives, as {(path, column): value}."""
    found = {}
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}/{key}" if path else key
            if key in ("cells", "total") or path == "rows":
                found |= {(here, c): v for c, v in value.items()}
            else:
                found |= given_cells(value, here)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found |= given_cells(value, f"{path}/{i}")
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_xlsx_reads_back_to_the_input(report_id, lang):
    case = load_fixture(report_id)
    form, data = read_xlsx(formgen.render(report_id, case, lang=lang, fmt="xlsx"))
    assert form == report_id
    assert (data["year"], data["quarter"]) == (case["year"], case["quarter"])
    assert given_cells(case).items() <= given_cells(data).items()
    original, back = formgen.validate(report_id, case), formgen.validate(report_id, data)
    assert structure_of(back) == structure_of(original)
    assert solved_values(back) == solved_values(original)


def solved_values(report):
    return [(node.path, node.values) for root in report.solved()[0] for node in root.walk()]


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_cells_are_numbers_the_header_is_merged_and_empty_cells_say_dash(report_id):
    content = formgen.render(report_id, load_fixture(report_id), lang="ru", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.column_dimensions["A"].hidden
    assert any(r.max_row > r.min_row or r.max_col > r.min_col for r in sheet.merged_cells.ranges)
    values = [c.value for row in sheet.iter_rows() if row[0].value and row[0].value != COLUMNS_KEY
              for c in row[3:] if c.value is not None]
    assert values and all(isinstance(v, int) or v == "-" for v in values)
    assert any(isinstance(v, int) and v > 0 for v in values)


def test_1mk_totals_left_out_are_written_computed():
    case = load_fixture("report-1mk")
    assert "3" not in case["rows"]
    _, data = read_xlsx(formgen.render("report-1mk", case, lang="kk", fmt="xlsx"))
    for month in "123":
        assert data["rows"]["3"][month] == sum(case["rows"][f"3.{i}"][month] for i in range(1, 18))


def test_a_blank_report_filled_in_by_hand_reads_back():
    content = formgen.render("report-1mk", lang="en", fmt="xlsx", blank=True, year=2026, quarter=4)
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    columns = None
    for row in sheet.iter_rows():
        key = row[0].value
        if key == COLUMNS_KEY:
            columns = [c.value for c in row[3:] if c.value]
        elif key in ("rows/1.1", "rows/1.2"):
            for cell, column in zip(row[3:], columns):
                cell.value = {"1": 2, "2": 1, "3": 0}.get(column)
    filled = io.BytesIO()
    book.save(filled)
    form, data = read_xlsx(filled.getvalue())
    assert (form, data["year"], data["quarter"]) == ("report-1mk", 2026, 4)
    assert data["rows"]["1.1"] == {"1": 2, "2": 1, "3": 0}
    model = formgen.validate(form, data)
    html = formgen.render(form, model, lang="en", fmt="html").decode()
    assert "<td class=\"num\">4</td>" in html  # row 1, quarter: 2 + 2 (1.1 and 1.2 alike) computed


def test_xlsx_errors():
    with pytest.raises(formgen.FormgenError, match="renders as docx, pdf, html, not xlsx"):
        formgen.render("audit-start", load_fixture("audit-start"), lang="ru", fmt="xlsx")
    with pytest.raises(formgen.FormgenError, match="not a readable XLSX"):
        read_xlsx(b"not a zip")
    content = formgen.render("report-4mk", load_fixture("report-4mk"), lang="ru", fmt="xlsx")
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    data_row = next(row for row in sheet.iter_rows() if row[0].value == "providers/0/cells")
    data_row[3].value = "много"
    bad = io.BytesIO()
    book.save(bad)
    with pytest.raises(formgen.FormgenError, match=r"cell D\d+ \(row providers/0/cells, column 1\) holds 'много'"):
        read_xlsx(bad.getvalue())
