"""XLSX of the quarterly reports: a spreadsheet people can fill in (print
set-up, frozen headings, checked and protected cells, totals as formulas with
their values), the same cell at the same address in every language, and a
file that reads back to its data, or is refused naming the cell."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from openpyxl import load_workbook

import formgen
from formgen.forms.limits import LIMITS
from formgen.forms.report_layouts import REPORT_IDS
from formgen.rendering.xlsx import COLUMNS_KEY, META_SHEET, structure_of
from formgen.rendering.xlsx_read import read_xlsx

from conftest import libreoffice_resave, load_fixture, saved, sheet_rows

LANGS = ("kk", "ru", "en")


def solved_values(report):
    return [(node.path, node.values) for root in report.solved()[0] for node in root.walk()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_xlsx_reads_back_to_the_input(report_id, lang):
    case = load_fixture(report_id)
    back = read_xlsx(formgen.render(report_id, case, lang=lang, fmt="xlsx", body="obl-01"))
    assert (back.form_id, back.lang, back.body) == (report_id, lang, "obl-01")
    assert (back.data["year"], back.data["quarter"]) == (case["year"], case["quarter"])
    original, model = formgen.validate(report_id, case), formgen.validate(report_id, back.data)
    assert structure_of(model) == structure_of(original)      # names come back in every language
    assert solved_values(model) == solved_values(original)


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_the_same_cell_sits_at_the_same_address_in_every_language(report_id):
    for blank in (True, False):
        layouts = []
        for lang in LANGS:
            content = (formgen.render(report_id, lang=lang, fmt="xlsx", blank=True, year=2026, quarter=4) if blank
                       else formgen.render(report_id, load_fixture(report_id), lang=lang, fmt="xlsx"))
            _, sheet, keys = sheet_rows(content)
            formulas = {c.coordinate for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")}
            layouts.append((keys, formulas, sheet.freeze_panes, sheet.print_title_rows, sheet.max_row))
        assert layouts[0] == layouts[1] == layouts[2]


def test_a_spreadsheet_as_people_use_it():
    content = formgen.render("report-1mk", lang="ru", fmt="xlsx", blank=True, year=2026, quarter=4)
    book, sheet, keys = sheet_rows(content)
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    first_data = keys["rows/1"]
    assert sheet.freeze_panes == f"D{first_data}"
    top, bottom = (int(n) for n in re.findall(r"\d+", sheet.print_title_rows))
    assert bottom == first_data - 2 and sheet.cell(top, 3).value == "Выполняемые мероприятия"   # the header, repeated
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet.protection.insertRows is False                               # rows may be inserted
    check = sheet.data_validations.dataValidation[0]
    assert (check.type, check.operator, check.formula1) == ("whole", "greaterThanOrEqual", "0")
    inputs = {str(r) for r in check.sqref.ranges}
    assert f"D{keys['rows/1.1']}:F{keys['rows/1.1']}" in inputs              # the months of 1.1: typed in
    assert not sheet[f"D{keys['rows/1.1']}"].protection.locked
    assert sheet[f"B{keys['rows/1.1']}"].protection.locked                   # the form's own text: protected
    assert sheet[f"G{keys['rows/1.1']}"].protection.locked                   # the quarter: a formula
    assert book[META_SHEET].sheet_state == "hidden" and book[META_SHEET].protection.sheet


def test_totals_are_formulas_that_carry_their_values():
    case = load_fixture("report-1mk")
    content = formgen.render("report-1mk", case, lang="kk", fmt="xlsx")
    _, sheet, keys = sheet_rows(content)
    row = keys["rows/1"]
    assert sheet[f"D{row}"].value == f'=IF(COUNT(D{keys["rows/1.1"]},D{keys["rows/1.2"]})=2,SUM(D{keys["rows/1.1"]},D{keys["rows/1.2"]}),"-")'
    assert sheet[f"G{keys['rows/1.1']}"].value.startswith(f"=IF(COUNT(D{keys['rows/1.1']},E{keys['rows/1.1']},F")
    values = load_workbook(io.BytesIO(content), data_only=True).worksheets[0]   # what a reader without Excel sees
    months = [sum(case["rows"][code][m] for code in ("1.1", "1.2")) for m in "123"]
    assert [values[f"{c}{row}"].value for c in "DEFG"] == [*months, sum(months)]
    blank = formgen.render("report-1mk", lang="kk", fmt="xlsx", blank=True, year=2026, quarter=4)
    sheet_xml = zipfile.ZipFile(io.BytesIO(blank)).read("xl/worksheets/sheet1.xml").decode()
    formulas = re.findall(r"<c [^>]*><f>[^<]*</f><v>([^<]*)</v></c>", sheet_xml)
    assert formulas and set(formulas) == {"-"}                               # a blank's totals: "-" until filled
    assert "<v></v>" not in sheet_xml and "<v />" not in sheet_xml


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_cells_are_numbers_the_header_is_merged_and_empty_cells_say_dash(report_id):
    content = formgen.render(report_id, load_fixture(report_id), lang="ru", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(content), data_only=True).worksheets[0]
    assert sheet.column_dimensions["A"].hidden
    assert any(r.max_row > r.min_row or r.max_col > r.min_col for r in sheet.merged_cells.ranges)
    values = [c.value for row in sheet.iter_rows() if row[0].value and not row[0].value.startswith("#")
              for c in row[3:] if c.value is not None]
    assert values and all(isinstance(v, int) or v == "-" for v in values)
    assert any(isinstance(v, int) and v > 0 for v in values)


def test_a_blank_report_filled_in_by_hand_reads_back():
    content = formgen.render("report-4mk", lang="en", fmt="xlsx", blank=True, year=2026, quarter=4, body="obl-07")
    book, sheet, keys = sheet_rows(content)
    provider, service, subtype = (keys[f"#placeholder {k}"] for k in ("provider", "service", "subtype"))
    sheet[f"C{provider}"] = "Ministry of Justice"
    sheet[f"C{service}"], sheet[f"D{service}"], sheet[f"E{service}"] = "Birth registration", 12, "3"   # text: 3
    sheet[f"C{subtype}"] = None                                                  # the subtype row left empty
    back = read_xlsx(saved(book), "return.xlsx")
    assert (back.form_id, back.body, back.data["year"], back.data["quarter"]) == ("report-4mk", "obl-07", 2026, 4)
    assert back.data["providers"] == [{"name": "Ministry of Justice", "cells": {}, "services": [
        {"name": "Birth registration", "cells": {"1": 12, "2": 3}}]}]
    assert back.cells["providers[0].services[0].cells.1"] == f"D{service}"
    model = formgen.validate("report-4mk", back.data)
    assert model.solved()[0][0].values["1"] == 12                              # the total computed


def test_whole_numbers_as_text_count_anything_else_is_refused_naming_the_cell():
    content = formgen.render("report-4mk", load_fixture("report-4mk"), lang="ru", fmt="xlsx")
    book, sheet, keys = sheet_rows(content)
    row = keys["providers/0/services/1/cells"]
    sheet[f"D{row}"], sheet[f"E{row}"] = " 1 234 ", "много"
    sheet[f"F{row}"], sheet[f"G{row}"], sheet[f"H{row}"] = 2.5, -1, True
    with pytest.raises(formgen.InvalidData) as error:
        read_xlsx(saved(book), "r.xlsx")
    messages = [str(p) for p in error.value.problems]
    assert messages == [
        f"r.xlsx: E{row}: holds 'много', not a whole number (row 1.2, column 2)",
        f"r.xlsx: F{row}: holds 2.5, not a whole number (row 1.2, column 3)",
        f"r.xlsx: G{row}: holds -1; counts are 0 or more (row 1.2, column 4)",
        f"r.xlsx: H{row}: holds True, not a whole number (row 1.2, column 5)",
    ]
    sheet[f"E{row}"] = sheet[f"F{row}"] = sheet[f"G{row}"] = sheet[f"H{row}"] = None
    assert read_xlsx(saved(book)).data["providers"][0]["services"][1]["cells"]["1"] == 1234


def test_a_formula_without_its_value_is_refused():
    """openpyxl (like other libraries) saves formulas without values: such a cell is not empty, it is unknown."""
    content = formgen.render("report-1mk", load_fixture("report-1mk"), lang="ru", fmt="xlsx")
    book, sheet, keys = sheet_rows(content)
    with pytest.raises(formgen.InvalidData) as error:
        read_xlsx(saved(book), "r.xlsx")
    assert str(error.value.problems[0]) == (
        f"r.xlsx: D{keys['rows/1']}: a formula without its computed value (and 126 more: E{keys['rows/1']}, "
        f"F{keys['rows/1']}, G{keys['rows/1']}, …): the file was saved by a program that does not compute formulas; "
        "open it in Excel or LibreOffice and save it")


def tampered(report_id: str, change) -> bytes:
    content = formgen.render(report_id, load_fixture(report_id), lang="ru", fmt="xlsx")
    book, sheet, keys = sheet_rows(content)
    change(book, sheet, keys)
    return saved(book)


def meta_cell(book, key):
    return next(row[1] for row in book[META_SHEET].iter_rows() if row[0].value == key)


def set_meta(key, value):
    def change(book, sheet, keys):
        meta_cell(book, key).value = value
    return change


def delete_row(key):
    def change(book, sheet, keys):
        sheet.delete_rows(keys[key])
    return change


@pytest.mark.parametrize("report_id,change,message", [
    ("report-4mk", set_meta("names", "{broken"), r"r.xlsx: sheet 'formgen', names: not valid JSON"),
    ("report-4mk", set_meta("names", "[1,2]"), r"the names are damaged \(not an object\)"),
    ("report-4mk", set_meta("names", "[" * 100 + "]" * 100), r"nested deeper than 64 levels"),
    ("report-4mk", set_meta("year", "двадцать"), r"formgen!B3: year 'двадцать' is not a whole number"),
    ("report-4mk", set_meta("form", "report-9mk"), r"formgen!B1: 'report-9mk' is not a report form"),
    ("report-4mk", lambda book, sheet, keys: book[META_SHEET].delete_rows(1),
     r"r.xlsx: sheet 'formgen': no 'form' entry; the hidden sheet was changed"),
    ("report-1mk", lambda book, sheet, keys: sheet.cell(keys["rows/1.1"], 1, "rows/99"),
     r"A\d+: 'rows/99' is not a row of report-1mk"),
    ("report-1mk", lambda book, sheet, keys: sheet.cell(keys["rows/1.1"], 2, "1.2."),
     r"B\d+: row number '1.2.' where the form has row 1.1"),
    ("report-1mk", delete_row("rows/1.1"), r"row 1.1 is missing \(a row was deleted\)"),
    ("report-1mk", delete_row("#columns"), r"A\d+: the row of 'rows/13' stands outside the tables"),
    ("report-2mk", delete_row("#columns"), r"A\d+: the row of 'total' stands outside the tables"),
    ("report-2mk", lambda book, sheet, keys: sheet.delete_cols(1), r"no sheet holds the form"),
    ("report-2mk", lambda book, sheet, keys: sheet.insert_cols(1), r"a column was inserted before column A"),
    ("report-2mk", lambda book, sheet, keys: sheet.insert_cols(6),
     r"F\d+: the hidden column codes of table 1 read 1, 2, , 3"),
    ("report-2mk", lambda book, sheet, keys: book.create_sheet("Notes", 0).cell(2, 2, "remember"),
     r"sheet 'Notes' is not part of the form \(B2 holds 'remember'\)"),
    ("report-2mk", lambda book, sheet, keys: book.copy_worksheet(sheet), r"each hold the form; keep one"),
    ("report-4mk", lambda book, sheet, keys: (sheet.insert_rows(keys["#end"]), sheet.cell(keys["#end"], 3, "Услуга"),
                                              sheet.cell(keys["#end"], 2, "3")),
     r"C\d+: 'Услуга': a row outside the table's body; providers, services and subtypes go above the total"),
    ("report-4mk", lambda book, sheet, keys: sheet.cell(sheet.max_row + 2, 6, 17),
     r"F\d+: the number 17 stands outside the form's tables"),
    ("report-4mk", lambda book, sheet, keys: sheet.cell(keys["providers/0/cells"], 20, 5),
     r"T\d+: 5 stands outside the table's columns"),
])
def test_a_return_formgen_cannot_read_whole_is_refused_naming_the_cell(report_id, change, message):
    with pytest.raises(formgen.FormgenError, match=message):
        read_xlsx(tampered(report_id, change), "r.xlsx")


def test_an_empty_extra_sheet_and_moved_hidden_labels_do_no_harm():
    def change(book, sheet, keys):
        book.create_sheet("Лист1", 0)
        book[META_SHEET].move_range("A1:B9", rows=3)      # the hidden labels moved down: found where they are
    back = read_xlsx(tampered("report-4mk", change))
    assert (back.form_id, back.data["year"]) == ("report-4mk", 2026)
    assert formgen.validate("report-4mk", back.data).solved()[0][0].values["1"] == 12201


def test_text_a_cell_cannot_hold_is_refused_naming_the_field():
    """A spreadsheet cell holds 32,767 characters; no text may come near it, so none is cut."""
    assert max(LIMITS.text.line, LIMITS.text.name, LIMITS.text.text) < 32_767
    case = load_fixture("report-4mk")
    case["providers"][0]["name"] = "Министерство " * 3000
    with pytest.raises(formgen.InvalidData, match=r"providers\[0\]\.name: is 38,999 characters long; at most 500"):
        formgen.render("report-4mk", case, lang="ru", fmt="xlsx")


def test_xlsx_errors():
    with pytest.raises(formgen.FormgenError, match="renders as docx, pdf, html, not xlsx"):
        formgen.render("audit-start", load_fixture("audit-start"), lang="ru", fmt="xlsx")
    with pytest.raises(formgen.FormgenError, match="not a readable XLSX"):
        read_xlsx(b"not a zip")
    from openpyxl import Workbook
    with pytest.raises(formgen.FormgenError, match="not a return written by formgen"):
        read_xlsx(saved(Workbook()), "mine.xlsx")


def test_validate_takes_a_filled_xlsx_and_names_the_cell(tmp_path):
    from click.testing import CliRunner
    from formgen.cli import main

    content = formgen.render("report-1mk", load_fixture("report-1mk"), lang="ru", fmt="xlsx")
    good = tmp_path / "good.xlsx"
    good.write_bytes(content)
    result = CliRunner().invoke(main, ["validate", "report-1mk", str(good)])
    assert result.exit_code == 0 and "good.xlsx: valid report-1mk" in result.output
    _, _, keys = sheet_rows(content)
    bad = tmp_path / "bad.xlsx"                                         # 2.1 now more than its total, row 2
    bad.write_bytes(libreoffice_resave(content, tmp_path, [["set", f"D{keys['rows/2.1']}", 100000]]))
    result = CliRunner().invoke(main, ["validate", "report-1mk", "--data", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}: D{keys['rows/2']}: row 2, column 1: given" in result.output
    result = CliRunner().invoke(main, ["validate", "report-2mk", str(good)])
    assert result.exit_code == 2 and "is a report-1mk report, not report-2mk" in result.output


def test_the_same_report_gives_the_same_bytes_dated_by_the_report():
    case = load_fixture("report-2mk")
    first = formgen.render("report-2mk", case, lang="kk", fmt="xlsx")
    assert formgen.render("report-2mk", case, lang="kk", fmt="xlsx") == first
    book = load_workbook(io.BytesIO(first))
    assert book.properties.created.date().isoformat() == book.properties.modified.date().isoformat() == case["date"]
    assert book.properties.title == "2-мқ: 2026 жылғы 3-тоқсан" and book.properties.subject == "report-2mk"
