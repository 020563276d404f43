"""Consolidation: reports added field by field, rows merged by name, the
sources of every value recorded, other forms and quarters refused."""

from __future__ import annotations

import copy
import io
import json
import os
import random
from collections import defaultdict

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import formgen
from formgen.cli import main
from formgen.quarterly.consolidate import consolidate
from formgen.rendering.xlsx import FORM_MARK, META_SHEET
from formgen.rendering.xlsx_read import read_xlsx

from conftest import libreoffice_convert, load_fixture, saved, sheet_rows


def perturbed_2mk(seed: int) -> dict:
    """The 2-mk fixture of district No. seed, with other numbers in every leaf (subtypes, services without
    subtypes); totals left out."""
    rnd = random.Random(seed)
    data = copy.deepcopy(load_fixture("report-2mk"))
    data["reporter"] = {"authority": {"kk": f"{seed}-аудан әкімдігі", "ru": f"Акимат района № {seed}",
                                      "en": f"Akimat of district No. {seed}"}}
    for group in ("paper", "electronic"):
        for provider in data[group]["providers"]:
            for service in provider["services"]:
                for leaf in service.get("subtypes") or [service]:
                    reasons = [rnd.randint(0, 5) for _ in range(6)]
                    refusals = [rnd.randint(0, 5) for _ in range(4)]
                    leaf["cells"] = {"1": rnd.randint(50, 900), "2": sum(reasons),
                                     **{str(3 + i): v for i, v in enumerate(reasons)},
                                     "9": sum(refusals), **{str(10 + i): v for i, v in enumerate(refusals)}}
    return data


def leaf_sums(reports: list[dict]) -> tuple[dict, dict]:
    """Independently of formgen: the sum per (group, provider, service, subtype) name and the grand total."""
    per_leaf: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, int] = defaultdict(int)
    for data in reports:
        for group in ("paper", "electronic"):
            for provider in data[group]["providers"]:
                for service in provider["services"]:
                    for leaf in service.get("subtypes") or [service]:
                        key = (group, provider["name"]["en"], service["name"]["en"], leaf["name"]["en"])
                        for column, value in leaf["cells"].items():
                            per_leaf[key][column] += value
                            total[column] += value
    return per_leaf, total


def test_consolidation_of_json_and_xlsx_reports_equals_the_independent_sum(tmp_path):
    reports = [perturbed_2mk(seed) for seed in range(5)]
    paths = []
    for i, data in enumerate(reports):
        if i % 2:
            path = tmp_path / f"district-{i}.xlsx"
            path.write_bytes(formgen.render("report-2mk", data, lang="ru", fmt="xlsx", body=f"district-{i}"))
        else:
            path = tmp_path / f"district-{i}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "region.json"
    result = CliRunner().invoke(main, ["consolidate", "report-2mk", *paths, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 reports of Q3 2026 added (0-аудан әкімдігі, district-1, 2-аудан әкімдігі, district-3" in result.output
    region = json.loads(out.read_text(encoding="utf-8"))
    formgen.validate("report-2mk", region)
    per_leaf, total = leaf_sums(reports)
    assert region["total"] == dict(total)
    for group in ("paper", "electronic"):
        for provider in region[group]["providers"]:
            for service in provider["services"]:
                for leaf in service.get("subtypes") or [service]:
                    key = (group, provider["name"]["en"], service["name"]["en"], leaf["name"]["en"])
                    assert leaf["cells"] == dict(per_leaf[key]), key
    sources = json.loads((tmp_path / "region.sources.json").read_text(encoding="utf-8"))
    assert [s["report"] for s in sources["total/1"]] == paths
    assert sum(s["value"] for s in sources["total/1"]) == total["1"]


def test_blank_xlsx_filled_by_bodies_consolidates_into_their_sum(tmp_path):
    """The quarter's round trip: blank forms out, numbers in (by a script, then opened and saved in Calc,
    which computes the totals), one report back."""
    rnd = random.Random(7)
    filled, expected = {}, defaultdict(lambda: defaultdict(int))
    for body in range(3):
        blank = formgen.render("report-1mk", lang="kk", fmt="xlsx", blank=True, year=2026, quarter=2,
                               body=f"body-{body}")
        book, sheet, keys = sheet_rows(blank)
        for code in ("13", "14", "7.1", "7.2"):
            for column, letter in zip("123", "DEF"):   # the months; the quarter is Calc's formula
                value = rnd.randint(0, 20)
                sheet[f"{letter}{keys['rows/' + code]}"] = value
                expected[code][column] += value
        filled[f"body-{body}.xlsx"] = saved(book)
    for name, content in libreoffice_convert(filled, tmp_path).items():
        (tmp_path / name).write_bytes(content)
    out = tmp_path / "region.xlsx"
    result = CliRunner().invoke(main, ["consolidate", "report-1mk", *(str(tmp_path / n) for n in filled),
                                       "--output", str(out), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    region = read_xlsx(out.read_bytes())
    assert (region.kind, region.bodies) == ("consolidation", ["body-0", "body-1", "body-2"])
    for code in ("13", "14", "7.1", "7.2"):
        months = dict(expected[code])
        assert {c: region.data["rows"][code][c] for c in "123"} == months
        assert region.data["rows"][code]["4"] == sum(months.values())
    assert region.data["rows"]["7"]["4"] == sum(expected["7.1"].values()) + sum(expected["7.2"].values())


def test_rows_are_merged_by_name_and_new_ones_added():
    a = load_fixture("report-4mk")
    b = copy.deepcopy(a)
    b["providers"][0]["name"] = {k: v.upper() for k, v in a["providers"][0]["name"].items()}  # same body, other case
    b["providers"].append({"name": "ТОО «Новый услугодатель»", "services": [{"name": "Услуга", "cells": {"1": 3, "2": 3}}]})
    b["reporter"] = {"authority": "Акимат района № 2"}
    result = consolidate("report-4mk", [("a", a), ("b", b)])
    names = [p["name"] for p in result.data["providers"]]
    assert len(names) == len(a["providers"]) + 1 and names[-1] == "ТОО «Новый услугодатель»"
    first = result.data["providers"][0]["services"][0]["subtypes"][0]["cells"]
    assert first["1"] == 2 * a["providers"][0]["services"][0]["subtypes"][0]["cells"]["1"]


def test_other_forms_quarters_and_bad_reports_are_refused(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(load_fixture("report-1mk")), encoding="utf-8")
    other_quarter = load_fixture("report-1mk") | {"quarter": 4}
    two = tmp_path / "two.json"
    two.write_text(json.dumps(other_quarter), encoding="utf-8")
    result = CliRunner().invoke(main, ["consolidate", "report-1mk", str(one), str(two), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "is for Q4 2026" in result.output and "only reports of one quarter" in result.output
    result = CliRunner().invoke(main, ["consolidate", "report-4mk", str(one), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "is a report-1mk report" in result.output
    xlsx = tmp_path / "r.xlsx"
    xlsx.write_bytes(formgen.render("report-3mk", load_fixture("report-3mk"), lang="en", fmt="xlsx"))
    result = CliRunner().invoke(main, ["consolidate", "report-2mk", str(xlsx), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "is a report-3mk report, not report-2mk" in result.output
    bad = load_fixture("report-1mk")
    bad["rows"]["1"]["4"] += 1
    bad["reporter"] = {"authority": "Акимат района № 2"}
    with pytest.raises(formgen.InvalidData) as error:
        consolidate("report-1mk", [("good", load_fixture("report-1mk")), ("bad.json", bad)])
    assert error.value.problems[0].path.startswith("bad.json: rows.1.4")
    assert not (tmp_path / "x.json").exists()


def returns(tmp_path, count: int, report_id: str = "report-4mk") -> list[str]:
    """XLSX returns of bodies obl-01…, as bulk lays them out, filled with the fixture's numbers."""
    paths = []
    for i in range(1, count + 1):
        path = tmp_path / f"obl-0{i}_4-mk_ru_2026Q3.xlsx"
        path.write_bytes(formgen.render(report_id, load_fixture(report_id), lang="ru", fmt="xlsx", body=f"obl-0{i}"))
        paths.append(str(path))
    return paths


def consolidate_cli(*args):
    return CliRunner().invoke(main, ["consolidate", "report-4mk", *map(str, args)])


def test_a_body_twice_is_refused_or_the_later_wins(tmp_path):
    a, b = returns(tmp_path, 2)
    again = tmp_path / "obl-01-corrected.xlsx"
    corrected = load_fixture("report-4mk")
    corrected["providers"][0]["services"][1]["cells"] = {"1": 800}
    again.write_bytes(formgen.render("report-4mk", corrected, lang="ru", fmt="xlsx", body="obl-01"))
    os.utime(a, (1_700_000_000, 1_700_000_000))                          # the first return: saved earlier
    out = tmp_path / "region.json"
    result = consolidate_cli(a, b, again, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert f"error: {again} and {a} are both from obl-01; give one (or --latest" in result.output
    result = consolidate_cli(again, a, b, "-o", out, "--latest")
    assert result.exit_code == 0, result.output
    assert f"note: obl-01: {again} replaces {a} (saved later)" in result.output
    assert "2 reports of Q3 2026 added (obl-01, obl-02)" in result.output
    region = json.loads(out.read_text(encoding="utf-8"))
    assert region["providers"][0]["services"][1]["cells"]["1"] == 800 + 5287
    same = tmp_path / "copy.json"
    same.write_text(json.dumps(load_fixture("report-4mk") | {"reporter": {}}), encoding="utf-8")
    result = consolidate_cli(same, same, "-o", out)
    assert result.exit_code == 2 and f"{same} holds the same numbers as {same}: the same return given twice?" in result.output


def test_empty_returns_are_not_submitted_and_expected_bodies_are_listed(tmp_path):
    a, b = returns(tmp_path, 2)
    empty = tmp_path / "obl-03.xlsx"
    empty.write_bytes(formgen.render("report-4mk", lang="ru", fmt="xlsx", blank=True, year=2026, quarter=3,
                                     body="obl-03"))
    bodies = tmp_path / "bodies.csv"
    bodies.write_text("id;name_ru;name_kk\nobl-01;Акимат области Абай;Абай облысының әкімдігі\n"
                      "obl-02;Акимат Акмолинской области;Ақмола облысының әкімдігі\n"
                      "obl-03;Акимат Актюбинской области;Ақтөбе облысының әкімдігі\n"
                      "obl-04;Акимат Алматинской области;Алматы облысының әкімдігі\n", encoding="utf-8-sig")
    out = tmp_path / "region.json"
    result = consolidate_cli(a, b, empty, "-o", out, "--expect", bodies)
    assert result.exit_code == 1, result.output                            # written, but incomplete
    assert f"note: {empty} (obl-03): no number in it; counted as not submitted" in result.output
    assert ("note: not reported (2 of 4): obl-03 (Ақтөбе облысының әкімдігі), obl-04 (Алматы облысының әкімдігі)"
            in result.output)
    region = json.loads(out.read_text(encoding="utf-8"))
    assert region["total"]["1"] == 2 * 12201
    result = consolidate_cli(empty, "-o", out)
    assert result.exit_code == 2 and "no report has a number in it" in result.output


def test_the_consolidated_xlsx_says_what_it_adds_up_with_a_sheet_per_body(tmp_path):
    a, b, c = returns(tmp_path, 3)
    out = tmp_path / "region.xlsx"
    result = consolidate_cli(a, b, c, "-o", out, "--lang", "ru")
    assert result.exit_code == 0, result.output
    book = load_workbook(out, data_only=True)
    assert book.sheetnames == ["Свод", "obl-01", "obl-02", "obl-03", META_SHEET]
    total = book["Свод"]
    lines = [str(c.value) for row in total.iter_rows(max_col=2) for c in row if c.value]
    assert "Сводный отчёт, 3 квартал 2026 года: сложено отчётов — 3 (obl-01, obl-02, obl-03)" in lines
    assert total["A1"].value == FORM_MARK and book["obl-02"]["A1"].value == "#body obl-02"
    assert "obl-01, obl-02, obl-03" in book.properties.title
    region = read_xlsx(out.read_bytes())
    assert (region.kind, region.bodies) == ("consolidation", ["obl-01", "obl-02", "obl-03"])
    assert formgen.validate("report-4mk", region.data).solved()[0][0].values["1"] == 3 * 12201
    # a region's consolidation goes into the republic's like any return
    other = tmp_path / "region-2.json"
    other.write_text(json.dumps(load_fixture("report-4mk") | {"reporter": {"authority": "Область Абай"}}),
                     encoding="utf-8")
    result = consolidate_cli(out, other, "-o", tmp_path / "republic.json")
    assert result.exit_code == 0, result.output
    republic = json.loads((tmp_path / "republic.json").read_text(encoding="utf-8"))
    assert republic["total"]["1"] == 4 * 12201


def test_json_with_a_byte_order_mark_is_read_and_nesting_without_end_refused(tmp_path):
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(load_fixture("report-4mk")).encode())
    result = consolidate_cli(bom, "-o", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = consolidate_cli(deep, "-o", tmp_path / "r.json")
    assert result.exit_code == 2 and result.exception.__class__ is SystemExit
    assert f"error: {deep}: JSON nested deeper than 64 levels" in result.output
