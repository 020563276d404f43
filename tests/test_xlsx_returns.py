"""Returns as statisticians make them, in a real spreadsheet: LibreOffice Calc
opens formgen's XLSX, a person types names over the placeholders, inserts rows
for more services, providers and subtypes, fills in numbers, and saves; formgen
reads back every row, named and numbered, and the totals Calc computed."""

from __future__ import annotations

import pytest

import formgen
from formgen.forms.report_layouts import REPORT_IDS
from formgen.forms.wording import wording
from formgen.rendering.xlsx_read import read_xlsx

from conftest import libreoffice_convert, libreoffice_resave, load_fixture, pdf_text, sheet_rows, squash


def solved(report_id, data):
    return [(n.path, n.values) for root in formgen.validate(report_id, data).solved()[0] for n in root.walk()]


def test_every_form_saved_again_by_libreoffice_reads_back_to_the_same_data(tmp_path):
    files = {f"{report_id}.xlsx": formgen.render(report_id, load_fixture(report_id), lang=lang, fmt="xlsx",
                                                   body=f"obl-0{i}")
             for i, (report_id, lang) in enumerate(zip(REPORT_IDS, ("kk", "ru", "en", "kk")), 1)}
    resaved = libreoffice_convert(files, tmp_path)
    for i, report_id in enumerate(REPORT_IDS, 1):
        ours, theirs = read_xlsx(files[f"{report_id}.xlsx"]), read_xlsx(resaved[f"{report_id}.xlsx"], report_id)
        assert theirs.data == ours.data and theirs.body == f"obl-0{i}", report_id
        assert solved(report_id, theirs.data) == solved(report_id, load_fixture(report_id))


def test_printed_by_libreoffice_the_return_is_the_form(tmp_path):
    content = formgen.render("report-2mk", load_fixture("report-2mk"), lang="ru", fmt="xlsx")
    pdf = libreoffice_convert({"2mk.xlsx": content}, tmp_path, to="pdf")["2mk.xlsx"]
    text = squash(pdf_text(pdf))
    assert squash(wording("ru", "report-2mk")["table_title"]) in text
    assert "Министерство юстиции Республики Казахстан" in text and "7 958" in text.replace(",", " ")


def test_a_blank_2mk_filled_in_calc_with_inserted_rows_reads_back_named_and_numbered(tmp_path):
    blank = formgen.render("report-2mk", lang="ru", fmt="xlsx", blank=True, year=2026, quarter=4, body="obl-03")
    _, _, keys = sheet_rows(blank)
    provider, service, subtype = (keys[f"#placeholder {k}"] for k in ("provider", "service", "subtype"))
    assert provider > keys["electronic/cells"]          # the keys hold the last placeholder: the electronic group's
    paper = keys["paper/cells"]
    p, s1, t1 = paper + 1, paper + 2, paper + 3          # the paper group's placeholders
    edits = [
        ["set", f"C{p}", "Министерство юстиции"],
        ["set", f"C{s1}", "Регистрация рождения"], ["set", f"D{s1}", 40], ["set", f"E{s1}", 2], ["set", f"J{s1}", 1],
        ["set", f"C{t1}", ""],                                              # no subtype: the placeholder cleared
        ["insert", t1 + 1],                                                  # a second service, typed in
        ["set", f"B{t1 + 1}", "1.1.2"], ["set", f"C{t1 + 1}", "Регистрация брака"], ["set", f"D{t1 + 1}", "7"],
        ["insert", t1 + 2], ["insert", t1 + 2],                              # a second provider with a service
        ["set", f"B{t1 + 2}", "1.2"], ["set", f"C{t1 + 2}", "Министерство труда"],
        ["set", f"B{t1 + 3}", "1.2.1"], ["set", f"C{t1 + 3}", "Назначение пенсии"], ["set", f"D{t1 + 3}", 300],
        ["set", f"E{t1 + 3}", 0],
        ["set", f"D{paper}", 347], ["set", f"D{keys['electronic/cells'] + 3}", 5],   # group 2's total: given
    ]
    back = read_xlsx(libreoffice_resave(blank, tmp_path, edits), "obl-03.xlsx")
    assert back.body == "obl-03"
    assert back.data["paper"] == {"cells": {"1": 347}, "providers": [
        {"name": "Министерство юстиции", "cells": {}, "services": [
            {"name": "Регистрация рождения", "cells": {"1": 40, "2": 2, "7": 1}},
            {"name": "Регистрация брака", "cells": {"1": 7}}]},
        {"name": "Министерство труда", "cells": {}, "services": [
            {"name": "Назначение пенсии", "cells": {"1": 300, "2": 0}}]}]}
    assert back.data["electronic"] == {"cells": {"1": 5}, "providers": []}
    total = formgen.validate("report-2mk", back.data).solved()[0][0].values
    assert total["1"] == 352                                             # TOTAL: Calc's formula, checked by formgen
    html = formgen.render("report-2mk", back.data, lang="ru", fmt="html").decode()
    assert "Регистрация брака" in html and "Назначение пенсии" in html


def test_a_row_typed_where_formgen_cannot_place_it_is_refused_naming_the_cell(tmp_path):
    blank = formgen.render("report-4mk", lang="en", fmt="xlsx", blank=True, year=2026, quarter=4)
    _, _, keys = sheet_rows(blank)
    provider = keys["#placeholder provider"]
    edits = [["set", f"C{provider}", "Ministry of Justice"], ["insert", provider + 1],
             ["set", f"B{provider + 1}", "2.1"], ["set", f"C{provider + 1}", "Marriage registration"],
             ["set", f"D{provider + 1}", 3]]
    with pytest.raises(formgen.InvalidData, match=rf"r.xlsx: B{provider + 1}: 2.1: it stands under provider 1; "
                                                  r"number it 1.1"):
        read_xlsx(libreoffice_resave(blank, tmp_path, edits), "r.xlsx")


def test_1mk_subtypes_typed_in_calc_read_back_with_their_information_system(tmp_path):
    blank = formgen.render("report-1mk", lang="kk", fmt="xlsx", blank=True, year=2026, quarter=4, body="obl-05")
    _, _, keys = sheet_rows(blank)
    row_83 = keys["rows/8.3"]
    edits = [["set", f"C{row_83 + 1}", "Мүгедектікті белгілеу, ЦБДИ"], ["set", f"D{row_83 + 1}", 4],
             ["insert", row_83 + 2], ["set", f"C{row_83 + 2}", "Жәрдемақы тағайындау, Е-Собес"],
             ["set", f"D{row_83 + 2}", 1],
             ["set", f"D{keys['rows/1.1']}", 2], ["set", f"E{keys['rows/1.1']}", 3], ["set", f"F{keys['rows/1.1']}", 1],
             ["set", f"D{keys['rows/1.2']}", 1], ["set", f"E{keys['rows/1.2']}", 0], ["set", f"F{keys['rows/1.2']}", 0]]
    back = read_xlsx(libreoffice_resave(blank, tmp_path, edits), "obl-05.xlsx")
    assert back.data["subtypes"] == {"8.3": [
        {"name": "Мүгедектікті белгілеу", "system": "ЦБДИ", "cells": {"1n": 4}},
        {"name": "Жәрдемақы тағайындау", "system": "Е-Собес", "cells": {"1n": 1}}]}
    assert back.data["rows"]["1"] == {"1": 3, "2": 3, "3": 1, "4": 7}     # Calc's formulas: 1.1 + 1.2, the quarter
    model = formgen.validate("report-1mk", back.data)
    assert {n.code: n.values for root in model.solved()[0] for n in root.walk()}["8.3"]["1n"] == 5
