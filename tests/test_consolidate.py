"""Consolidation: reports added field by field, rows merged by name, the
sources of every value recorded, other forms and quarters refused."""

from __future__ import annotations

import copy
import io
import json
import random
from collections import defaultdict

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import formgen
from formgen.cli import main
from formgen.quarterly.consolidate import consolidate
from formgen.rendering.xlsx import COLUMNS_KEY, read_xlsx

from conftest import load_fixture


def perturbed_2mk(seed: int) -> dict:
    """The 2-mk fixture with other numbers in every leaf (subtypes, services without subtypes); totals left out."""
    rnd = random.Random(seed)
    data = copy.deepcopy(load_fixture("report-2mk"))
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
            path.write_bytes(formgen.render("report-2mk", data, lang="ru", fmt="xlsx"))
        else:
            path = tmp_path / f"district-{i}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "region.json"
    result = CliRunner().invoke(main, ["consolidate", "report-2mk", *paths, "--output", str(out)])
    assert result.exit_code == 0, result.output
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
    """The quarter's round trip: blank forms out, numbers in, one report back."""
    rnd = random.Random(7)
    filled, expected = [], defaultdict(lambda: defaultdict(int))
    for body in range(3):
        book = load_workbook(io.BytesIO(formgen.render("report-1mk", lang="kk", fmt="xlsx", blank=True,
                                                       year=2026, quarter=2)))
        sheet = book.worksheets[0]
        columns = []
        for row in sheet.iter_rows():
            key = row[0].value
            if key == COLUMNS_KEY:
                columns = [c.value for c in row[3:] if c.value]
            elif key in ("rows/13", "rows/14", "rows/7.1", "rows/7.2"):
                for cell, column in zip(row[3:], columns[:3]):   # the months; the quarter is left to formgen
                    cell.value = rnd.randint(0, 20)
                    expected[key.split("/")[1]][column] += cell.value
        path = tmp_path / f"body-{body}.xlsx"
        book.save(path)
        filled.append(str(path))
    out = tmp_path / "region.xlsx"
    result = CliRunner().invoke(main, ["consolidate", "report-1mk", *filled, "--output", str(out), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    form, region = read_xlsx(out.read_bytes())
    for code in ("13", "14", "7.1", "7.2"):
        months = dict(expected[code])
        assert {c: region["rows"][code][c] for c in "123"} == months
        assert region["rows"][code]["4"] == sum(months.values())
    assert region["rows"]["7"]["4"] == sum(expected["7.1"].values()) + sum(expected["7.2"].values())


def test_rows_are_merged_by_name_and_new_ones_added():
    a = load_fixture("report-4mk")
    b = copy.deepcopy(a)
    b["providers"][0]["name"] = {k: v.upper() for k, v in a["providers"][0]["name"].items()}  # same body, other case
    b["providers"].append({"name": "ТОО «Новый услугодатель»", "services": [{"name": "Услуга", "cells": {"1": 3, "2": 3}}]})
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
    with pytest.raises(formgen.InvalidData) as error:
        consolidate("report-1mk", [("good", load_fixture("report-1mk")), ("bad.json", bad)])
    assert error.value.problems[0].path.startswith("bad.json: rows.1.4")
    assert not (tmp_path / "x.json").exists()
