"""The quarterly report forms 1-mk..4-mk (Annexes 7–10) in every language,
rendered for real to DOCX, HTML and PDF and read back: the header with the
reporting period and the deadline in each language's official style, every
row and column heading of the wording, the month names of each quarter, the
totals formgen computes, the arithmetic problems of inconsistent data (as
row, column, given, computed), empty cells, structural errors, the
clarification, and the landscape PDF."""

from __future__ import annotations

import copy
import functools
import html
import io
import json
import re

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

import formgen
from formgen.forms.arithmetic import Inconsistency
from formgen.cli import main
from formgen.forms.wording import wording

from conftest import docx_text, load_fixture, pdf_text, squash

REPORTS = ("report-1mk", "report-2mk", "report-3mk", "report-4mk")
LANGS = ("kk", "ru", "en")

# ---------------------------------------------------------------- expectations, written out

# Every fixture is for Q3 2026.
PERIOD = {"kk": "2026 жылғы 3-тоқсан", "ru": "3 квартал 2026 года", "en": "3rd quarter of 2026"}
# 1-mk is due by the 15th of the month after the quarter, 2-mk..4-mk by the 25th: `formgen render` says so on
# stderr; the form itself prints only its rule.
DEADLINE = {"report-1mk": "15 October 2026", **{report: "25 October 2026" for report in ("report-2mk", "report-3mk",
                                                                                          "report-4mk")}}
BLANK_PERIOD = {"kk": "20__ жылғы ___ тоқсан", "ru": "___ квартал 20__ года", "en": "___ quarter of 20__"}

# The capitalised nominative month names of each quarter's column headings.
MONTHS = {
    "kk": {1: ("Қаңтар", "Ақпан", "Наурыз"), 2: ("Сәуір", "Мамыр", "Маусым"),
           3: ("Шілде", "Тамыз", "Қыркүйек"), 4: ("Қазан", "Қараша", "Желтоқсан")},
    "ru": {1: ("Январь", "Февраль", "Март"), 2: ("Апрель", "Май", "Июнь"),
           3: ("Июль", "Август", "Сентябрь"), 4: ("Октябрь", "Ноябрь", "Декабрь")},
    "en": {1: ("January", "February", "March"), 2: ("April", "May", "June"),
           3: ("July", "August", "September"), 4: ("October", "November", "December")},
}
# The quarter as a form prints its number: English says it as an ordinal, as the 2024 translation prints the
# period ("___ quarter of 20__", "for the __ quarter").
NTH = {"kk": {q: str(q) for q in range(1, 5)}, "ru": {q: str(q) for q in range(1, 5)},
       "en": {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}}
# The heading over the quarter column, as the wording's for_quarter words it.
QUARTER_HEADING = {"kk": "{}-тоқсан бойынша", "ru": "за {} квартал", "en": "for the {} quarter"}
# A blank form's deadline in each quarter of 2026 (Q4's falls in the next year).
BLANK_DEADLINE_1MK = {1: "15 April 2026", 2: "15 July 2026", 3: "15 October 2026", 4: "15 January 2027"}

# The "TOTAL" word of each form as its wording has it: 1-mk's quarter column, the total row of the others
# (the Russian spelt one way in all four).
TOTAL_WORD = {
    "report-1mk": {"kk": "БАРЛЫҒЫ", "ru": "Итого", "en": "TOTAL"},
    "report-2mk": {"kk": "БАРЛЫҒЫ", "ru": "Итого", "en": "TOTAL"},
    "report-3mk": {"kk": "БАРЛЫҒЫ", "ru": "Итого", "en": "TOTAL"},
    "report-4mk": {"kk": "Барлығы", "ru": "Итого", "en": "Total"},
}

# The 80 rows of 1-mk, in print order.
CODES_1MK = """
1 1.1 1.2 2 2.1 2.2 2.3 2.4 2.5 3 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17
4 5 5.1 5.2 5.3 5.4 5.5 5.6 6 6.1 6.2 6.3 7 7.1 7.2
8 8.1 8.2 8.3 8.4 9 9.1 9.2
10 10.1 10.2 10.3 10.4 10.5 10.6 10.7 10.8 10.9 10.10 10.11 10.12 10.13 10.14
11 11.1 11.2 11.3 11.4 12 12.1 12.2 12.3 12.4 12.5 12.6 12.7 13 14
""".split()
# Rows 8–10.14 split each month into natural persons (n) and legal entities (l).
SPLIT_1MK = set(CODES_1MK[CODES_1MK.index("8"):CODES_1MK.index("11")])
MONTHLY = ("1", "2", "3", "4")
MONTHLY_SPLIT = ("1n", "1l", "2n", "2l", "3n", "3l", "4n", "4l")
# Totals that equal the sum of their sub-rows (the others are "at least" their sum).
EXHAUSTIVE_1MK = {"1", "3", "5", "7", "10", "11", "12"}
# Rows followed by their subtype rows, and the wording key of the placeholder printed when none is given.
SUBTYPE_ROWS_1MK = {"8.1": "subtype", "8.2": "subtype", "8.3": "subtype_is", "8.4": "subtype_is",
                    "11.1": "subtype_short", "11.2": "subtype_short", "11.3": "subtype_short", "11.4": "subtype_short"}
COLUMNS_HIERARCHY = {"report-2mk": tuple(str(c) for c in range(1, 14)),
                     "report-3mk": tuple(str(c) for c in range(1, 14)),
                     "report-4mk": tuple(str(c) for c in range(1, 10))}


def num(n: int | None, lang: str) -> str:
    """A number as the forms print it: en "1,234", kk/ru "1 234" (no-break space); "-" when empty."""
    if n is None:
        return "-"
    grouped = f"{n:,}"
    return grouped if lang == "en" else grouped.replace(",", "\u00a0")


def known_sum(values) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


# ---------------------------------------------------------------- reading the documents back

@functools.cache
def rendered(report: str, lang: str, fmt: str, blank: bool = False, **options) -> bytes:
    """Each document rendered once per test session: rendering is the slow part."""
    if blank:
        return formgen.render(report, lang=lang, fmt=fmt, blank=True, **options)
    return formgen.render(report, load_fixture(report), lang=lang, fmt=fmt, **options)


def docx_tables(content: bytes) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Each table of a DOCX as (heading rows, body rows), each row its cells' text (a merged cell repeats)."""
    tables = []
    for table in Document(io.BytesIO(content)).tables:
        head, body = [], []
        for row in table.rows:
            props = row._tr.trPr
            is_head = props is not None and props.find(qn("w:tblHeader")) is not None
            (head if is_head else body).append([cell.text for cell in row.cells])
        tables.append((head, body))
    return tables


def docx_body_rows(content: bytes) -> list[list[str]]:
    return [row for _, body in docx_tables(content) for row in body]


def docx_headings(content: bytes) -> set[str]:
    return {squash(cell) for head, _ in docx_tables(content) for row in head for cell in row}


_HTML_ROW = re.compile(r'<tr class="([^"]*)"><td class="code">(.*?)</td><td class="label">(.*?)</td>'
                       r'((?:<td class="num">.*?</td>)*)</tr>')


def html_rows(content: bytes) -> list[tuple[str, str, list[str]]]:
    """The body rows of the HTML preview: (code, label, cells as printed), a label as read (no soft hyphens)."""
    return [(html.unescape(code), html.unescape(label).replace("\u00ad", ""),
             [html.unescape(c) for c in re.findall(r'<td class="num">(.*?)</td>', cells)])
            for _, code, label, cells in _HTML_ROW.findall(content.decode())]


# ---------------------------------------------------------------- what the fixtures should print

def expected_rows_1mk(data: dict, lang: str) -> list[tuple[str, str, list[str]]]:
    """Every printed row of a filled 1-mk, worked out from the case data alone: a month left out of a
    total that equals its sub-rows is their sum, a quarter left out is the sum of the row's months."""
    words = wording(lang, "report-1mk")
    given_rows = data.get("rows", {})

    def children(code):
        return [c for c in CODES_1MK if c.startswith(code + ".") and c.count(".") == code.count(".") + 1]

    def value(code, column, subtype_cells=None):
        cells = given_rows.get(code, {}) if subtype_cells is None else subtype_cells
        if column in cells:
            return cells[column]
        if column.startswith("4"):                       # the quarter: the three months
            return known_sum(value(code, m + column[1:], subtype_cells) for m in "123")
        if subtype_cells is None and code in EXHAUSTIVE_1MK:
            return known_sum(value(child, column) for child in children(code))
        return None

    printed = []
    for code in CODES_1MK:
        columns = MONTHLY_SPLIT if code in SPLIT_1MK else MONTHLY
        printed.append((f"{code}.", words["rows"][code], [num(value(code, c), lang) for c in columns]))
        if code in SUBTYPE_ROWS_1MK:
            subtypes = data.get("subtypes", {}).get(code, [])
            if not subtypes:
                printed.append(("", words["dynamic"][SUBTYPE_ROWS_1MK[code]], ["-"] * len(columns)))
            for subtype in subtypes:
                label = ", ".join([subtype["name"][lang]] + ([subtype["system"][lang]] if "system" in subtype else []))
                printed.append(("", label, [num(value(code, c, subtype["cells"]), lang) for c in columns]))
    return printed


def expected_rows_hierarchy(report: str, data: dict, lang: str) -> list[tuple[str, str, list[str]]]:
    """Every printed row of a filled 2-mk, 3-mk or 4-mk: a cell left out of a provider, service, group or the
    total is the sum of the rows under it."""
    words, columns = wording(lang, report), COLUMNS_HIERARCHY[report]

    def value(item, column, kids):
        cells = item.get("cells", {})
        return cells[column] if column in cells else known_sum(value(k, column, grandkids) for k, grandkids in kids)

    def provider_tree(provider):
        return provider, [(s, [(t, []) for t in s.get("subtypes", [])]) for s in provider.get("services", [])]

    def row(code, label, item, kids):
        return code, label, [num(value(item, c, kids), lang) for c in columns]

    def provider_rows(providers, numbered):
        printed = []
        for i, provider in enumerate(providers, 1):
            _, services = provider_tree(provider)
            printed.append(row(str(i) if numbered else "", provider["name"][lang], provider, services))
            for service, subtypes in services:
                printed.append(row("", service["name"][lang], service, subtypes))
                printed += [row("", t["name"][lang], t, []) for t, _ in subtypes]
        return printed

    if report == "report-4mk":                           # providers numbered, the Total line closes the table
        providers = [provider_tree(p) for p in data.get("providers", [])]
        return provider_rows(data.get("providers", []), True) + [
            row("", words["rows"]["total"], {"cells": data.get("total", {})}, providers)]
    groups = [(data.get(name, {}), [provider_tree(p) for p in data.get(name, {}).get("providers", [])])
              for name in ("paper", "electronic")]
    printed = [row("", words["rows"]["total"], {"cells": data.get("total", {})}, groups)]
    for n, (group, providers) in enumerate(groups, 1):
        printed.append(row(f"{n}.", words["rows"][str(n)], group, providers))
        printed += provider_rows(group.get("providers", []), False)
    return printed


def expected_rows(report: str, data: dict, lang: str) -> list[tuple[str, str, list[str]]]:
    return expected_rows_1mk(data, lang) if report == "report-1mk" else expected_rows_hierarchy(report, data, lang)


# ================================================================ 1. the header

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_header_prints_every_label_value_the_period_and_the_deadline(report, lang):
    text = squash(docx_text(rendered(report, lang, "docx")))
    words = wording(lang, report)
    header = words["header"]
    for line in words["annex"]:
        assert squash(line) in text, line
    assert squash(words["form_label"]) in text
    for key in ("submitted_to", "published_at", "form_name", "index", "frequency", "reporters"):
        assert squash(f"{header[key]['label']} {header[key]['value']}") in text, key
    assert f"{squash(header['period']['label'])} {PERIOD[lang]}" in text
    # The deadline as the form prints it, without a computed date added.
    assert f"{squash(header['deadline']['label'])} {squash(header['deadline']['value'])}" in text
    assert f"{squash(header['deadline']['value'])} (" not in text
    # The literal index of the form, in the language's letters.
    index = {"kk": "мқ", "ru": "мк", "en": "mk"}[lang]
    assert f"{header['index']['label']} {report[-3]}-{index}" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_header_and_footer_carry_the_reporter_and_the_date(report, lang):
    text = squash(docx_text(rendered(report, lang, "docx")))
    reporter = load_fixture(report)["reporter"]
    for key in ("authority", "address"):
        assert squash(f"{wording(lang, report)['footer'][key]}: {reporter[key][lang]}") in text
    for key in ("phone", "email"):
        assert reporter[key] in text
    # The head's name as given, and in English as the identity documents transliterate it.
    head = {"report-1mk": "Kasymbek Zh. M."}.get(report, "Madiev Zh. Kh.") if lang == "en" else reporter["head"]
    assert head in text
    day = 12 if report == "report-1mk" else 21
    assert {"kk": f"2026 жылғы «{day}» қазан", "ru": f"«{day}» октября 2026 года", "en": f"{day} October 2026"}[lang] in text


# ================================================================ 2. rows, table title, column headings

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_every_row_code_and_label_in_print_order(report, lang):
    data = load_fixture(report)
    body = [(row[0], row[1]) for row in docx_body_rows(rendered(report, lang, "docx"))]
    assert body == [(code, label) for code, label, _ in expected_rows(report, data, lang)]
    words = wording(lang, report)
    if report == "report-1mk":
        codes = [code for code, _ in body if code]
        assert len(codes) == 80 and codes[:3] == ["1.", "1.1.", "1.2."] and codes[-2:] == ["13.", "14."]
        assert codes == [f"{c}." for c in CODES_1MK]
        assert len(words["rows"]) == 80
        for code, label in words["rows"].items():
            assert (f"{code}.", label) in body
    else:
        assert ("", words["rows"]["total"]) in body
        assert (body[-1] if report == "report-4mk" else body[0]) == ("", TOTAL_WORD[report][lang])
        if report != "report-4mk":
            assert ("1.", words["rows"]["1"]) in body and ("2.", words["rows"]["2"]) in body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_table_title_sections_and_every_column_heading(report, lang):
    content = rendered(report, lang, "docx")
    text = squash(docx_text(content))
    headings = docx_headings(content)
    words = wording(lang, report)
    assert squash(words["table_title"]) in text
    for section in words.get("sections", {}).values():
        assert squash(section) in text
    columns = words["columns"]
    for key, heading in columns.items():
        if isinstance(heading, str) and key not in ("for_quarter", "for_quarter_blank"):
            assert squash(heading) in headings, key
    if report == "report-1mk":
        # A quarter-aware form names the quarter's months instead of the generic "January (April, …)".
        assert set(MONTHS[lang][3]) <= headings
        assert QUARTER_HEADING[lang].format(NTH[lang][3]) == columns["for_quarter"].format(quarter=NTH[lang][3])
        assert QUARTER_HEADING[lang].format(NTH[lang][3]) in headings
        for generic in columns["month_generic"]:
            assert squash(generic) not in text
        assert set(columns["letters"]) <= headings
    else:
        assert {str(c) for c in COLUMNS_HIERARCHY[report]} <= headings


# ================================================================ 3. month names of every quarter

@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
@pytest.mark.parametrize("lang", LANGS)
def test_blank_1mk_names_the_months_of_its_quarter(lang, quarter):
    content = rendered("report-1mk", lang, "docx", blank=True, year=2026, quarter=quarter)
    headings = docx_headings(content)
    text = squash(docx_text(content))
    months = MONTHS[lang][quarter]
    assert set(months) <= headings
    other = {m for q, names in MONTHS[lang].items() if q != quarter for m in names}
    assert not other & headings
    heading = QUARTER_HEADING[lang].format(NTH[lang][quarter])
    assert heading == wording(lang, "report-1mk")["columns"]["for_quarter"].format(quarter=NTH[lang][quarter])
    assert heading in headings
    for generic in wording(lang, "report-1mk")["columns"]["month_generic"]:
        assert squash(generic) not in headings
    assert {"kk": f"2026 жылғы {quarter}-тоқсан", "ru": f"{quarter} квартал 2026 года",
            "en": f"{NTH['en'][quarter]} quarter of 2026"}[lang] in text
    assert f"{squash(wording(lang, 'report-1mk')['header']['deadline']['value'])} (" not in text
    # Each of the five tables repeats the months over its columns.
    for head, _ in docx_tables(content):
        assert [m for m in months if any(m in row for row in head)] == list(months)


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_render_notes_the_deadline_of_a_blank_report_on_stderr(tmp_path, quarter):
    result = CliRunner().invoke(main, ["render", "report-1mk", "--blank", "--year", "2026", "--quarter", str(quarter),
                                       "--lang", "kk", "--format", "docx", "-o", str(tmp_path / "1mk.docx")])
    assert result.exit_code == 0, result.output
    assert f"note: due by {BLANK_DEADLINE_1MK[quarter]}" in result.stderr


@pytest.mark.parametrize("report", REPORTS)
def test_render_notes_the_deadline_of_a_filled_report_on_stderr(tmp_path, report):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(load_fixture(report), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", report, "--data", str(case), "--lang", "ru", "--format", "docx",
                                       "-o", str(tmp_path / "report.docx")])
    assert result.exit_code == 0, result.output
    assert f"note: due by {DEADLINE[report]}" in result.stderr


def test_month_names_spelt_out():
    # The literals of the brief, beyond the tables above.
    assert MONTHS["kk"][4] == ("Қазан", "Қараша", "Желтоқсан")
    assert MONTHS["ru"][1] == ("Январь", "Февраль", "Март")
    assert MONTHS["en"][2] == ("April", "May", "June")


@pytest.mark.parametrize("lang", LANGS)
def test_blank_1mk_without_a_quarter_prints_the_generic_headings(lang):
    content = rendered("report-1mk", lang, "docx", blank=True)
    headings = docx_headings(content)
    text = squash(docx_text(content))
    columns = wording(lang, "report-1mk")["columns"]
    assert [squash(g) for g in columns["month_generic"]] == {
        "kk": ["Қаңтар (сәуір, шілде, қазан)", "Ақпан (мамыр, тамыз, қараша)", "Наурыз (маусым, қыркүйек, желтоқсан)"],
        "ru": ["Январь (апрель, июль, октябрь)", "Февраль (май, август, ноябрь)", "Март (июнь, сентябрь, декабрь)"],
        "en": ["January (April, July, October)", "February (May, August, November)",
               "March (June, September, December)"],
    }[lang]
    assert {squash(g) for g in columns["month_generic"]} <= headings
    # As the law prints the blank: 000 line 2394 "__ тоқсан бойынша", 001 "for the __ quarter".
    assert {"kk": "__ тоқсан бойынша", "ru": "за __ квартал", "en": "for the __ quarter"}[lang] in headings
    assert not {m for names in MONTHS[lang].values() for m in names} & headings
    header = wording(lang, "report-1mk")["header"]
    assert f"{squash(header['period']['label'])} {BLANK_PERIOD[lang]}" in text
    # No quarter, no date: the deadline is the rule alone.
    assert f"{squash(header['deadline']['label'])} {squash(header['deadline']['value'])}" in text
    assert f"{squash(header['deadline']['value'])} (" not in text


# ================================================================ 4. the consistent fixtures and their totals

@pytest.mark.parametrize("report", REPORTS)
def test_fixture_is_consistent(report):
    model = formgen.validate(report, load_fixture(report))
    assert type(model).__name__ == f"Report{report[-3:]}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_filled_report_prints_every_cell_and_the_computed_totals(report, lang):
    data = load_fixture(report)
    rows = html_rows(rendered(report, lang, "html"))
    assert rows == expected_rows(report, data, lang)
    docx_rows = [(row[0], row[1], row[2:]) for row in docx_body_rows(rendered(report, lang, "docx"))]
    assert docx_rows == rows


@pytest.mark.parametrize("lang", LANGS)
def test_1mk_row_3_left_out_prints_the_sum_of_3_1_to_3_17(lang):
    data = load_fixture("report-1mk")
    assert "3" not in data["rows"]
    months = [sum(data["rows"][f"3.{i}"][m] for i in range(1, 18)) for m in ("1", "2", "3")]
    assert months == [51, 38, 59]                        # by hand from the fixture
    row3 = next(r for r in html_rows(rendered("report-1mk", lang, "html")) if r[0] == "3.")
    assert row3 == ("3.", wording(lang, "report-1mk")["rows"]["3"], [*map(str, months), str(sum(months))])


@pytest.mark.parametrize("lang", LANGS)
def test_1mk_quarter_left_out_prints_the_sum_of_the_months(lang):
    data = load_fixture("report-1mk")
    printed = {code: cells for code, _, cells in html_rows(rendered("report-1mk", lang, "html")) if code}
    left_out = 0
    for code in CODES_1MK:
        for suffix in ("n", "l") if code in SPLIT_1MK else ("",):
            given = data["rows"].get(code, {})
            if f"4{suffix}" in given:
                continue
            left_out += 1
            columns = MONTHLY_SPLIT if code in SPLIT_1MK else MONTHLY
            cells = dict(zip(columns, printed[f"{code}."]))
            months = [int(cells[f"{m}{suffix}"].replace("\u00a0", "").replace(",", "")) for m in "123"]
            assert cells[f"4{suffix}"] == num(sum(months), lang), code
    assert left_out == 2 * 22 + 56                       # rows 8.1–10.14 twice (n, l), 56 of the 57 others once


# ================================================================ 5. inconsistent data: the exact problems

def _1mk_row1_quarter(d):
    # Row 1 quarter 21 → 22.  Computed 21 both ways: 1.1 (0+2+4=6) + 1.2 (4+5+6=15), and the months
    # 4+7+10; the two rules name the same cell and value, so they are one problem.
    d["rows"]["1"]["4"] += 1


def _1mk_row5_month2(d):
    # Row 5 month 2: 29 → 28, below 5.1..5.6 (4+6+4+6+3+6 = 29).  Row 5's quarter is not given, and row 5
    # is no part of another row: nothing else to disagree.
    d["rows"]["5"]["2"] -= 1


def _1mk_subtype_81(d):
    # The only subtype of 8.1, 1n: 21 → 24; 8.1 gives 21.  Row 8 adds 8.1's given 21 (21+22+15+6 = 64 ≤ 79,
    # an "at least" total) and 8.1 gives no quarter: no other problem.
    d["subtypes"]["8.1"][0]["cells"]["1n"] = 24


def _1mk_all_three(d):
    _1mk_row1_quarter(d), _1mk_row5_month2(d), _1mk_subtype_81(d)


def _2mk_provider_col1(d):
    # Paper, provider 1 (row 1.1): column 1 given as its services' sum + 5.  Its services: the first is its
    # subtypes 1047 + 1000 = 2047, the second 728: 2775.  Paper and TOTAL are not given: no other problem.
    d["paper"]["providers"][0]["cells"] = {"1": 2775 + 5}


def _2mk_col2_below_its_reasons(d):
    # Electronic, provider 2, service 1 (row 2.2.1): column 2 "total, of them" 22 → 19, below the sum of
    # columns 3..8 (2+6+1+2+4+5 = 20).  Column 2 only needs to be at least 20; the rows above compute theirs.
    d["electronic"]["providers"][1]["services"][0]["cells"]["2"] = 19


def _2mk_both(d):
    _2mk_provider_col1(d), _2mk_col2_below_its_reasons(d)


def _3mk_col9_and_group(d):
    # Paper, provider 1, service 1 (row 1.1.1): refusals total (9) 15 → 14, below 10..13 (9+4+0+2 = 15).
    # Electronic group (row 2) given column 1 = 2900; its only provider's subtypes are 615 + 2275 = 2890.
    d["paper"]["providers"][0]["services"][0]["cells"]["9"] = 14
    d["electronic"]["cells"] = {"1": 2900}


def _4mk_total_col1_up(d):
    # Total column 1 given 12202; providers: 634+1130+5287 = 7051 and 824+4326 = 5150, 12201.  12202 is
    # still at least columns 2+3 (10101 + 2100 = 12201), so only the row sum fails.
    d["total"] = {"1": 12202}


def _4mk_total_col1_down(d):
    # Total column 1 given 12200: below the providers' 12201 and below columns 2+3 = 12201 — one cell,
    # one computed value: one problem, not two.
    d["total"] = {"1": 12200}


INCONSISTENT = [
    ("report-1mk", _1mk_row1_quarter, [("1", "4", 22, 21)]),
    ("report-1mk", _1mk_row5_month2, [("5", "2", 28, 29)]),
    ("report-1mk", _1mk_subtype_81, [("8.1", "1n", 21, 24)]),
    ("report-1mk", _1mk_all_three, [("1", "4", 22, 21), ("5", "2", 28, 29), ("8.1", "1n", 21, 24)]),
    ("report-2mk", _2mk_provider_col1, [("1.1", "1", 2780, 2775)]),
    ("report-2mk", _2mk_col2_below_its_reasons, [("2.2.1", "2", 19, 20)]),
    ("report-2mk", _2mk_both, [("1.1", "1", 2780, 2775), ("2.2.1", "2", 19, 20)]),
    ("report-3mk", _3mk_col9_and_group, [("1.1.1", "9", 14, 15), ("2", "1", 2900, 2890)]),
    ("report-4mk", _4mk_total_col1_up, [("Total", "1", 12202, 12201)]),
    ("report-4mk", _4mk_total_col1_down, [("Total", "1", 12200, 12201)]),
]


def planted(report, plant) -> dict:
    data = copy.deepcopy(load_fixture(report))
    plant(data)
    return data


def problems_of(report, data) -> list[tuple[str, str, int, int]]:
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate(report, data)
    assert all(isinstance(p, Inconsistency) for p in error.value.problems), error.value.problems
    return [(p.row, p.column, p.given, p.computed) for p in error.value.problems]


@pytest.mark.parametrize("report, plant, expected", INCONSISTENT,
                         ids=[f"{r}-{p.__name__.lstrip('_')}" for r, p, _ in INCONSISTENT])
def test_inconsistent_data_gives_exactly_the_expected_problems(report, plant, expected):
    assert problems_of(report, planted(report, plant)) == expected


def test_problem_paths_and_messages_name_the_cell_and_the_rule():
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate("report-1mk", planted("report-1mk", _1mk_all_three))
    assert [(p.path, p.message) for p in error.value.problems] == [
        ("rows.1.4", "row 1, column 4: given 22, computed 21 (the sum of 1.1, 1.2: rows.1.1.4 = 6, rows.1.2.4 = 15; "
                     "the sum of columns 1, 2, 3 = 4 + 7 + 10)"),
        ("rows.5.2", "row 5, column 2: given 28, computed 29 (the sum of 5.1, 5.2, 5.3, 5.4, 5.5, 5.6: rows.5.1.2 = 4, "
                     "rows.5.2.2 = 6, rows.5.3.2 = 4, rows.5.4.2 = 6, rows.5.5.2 = 3, rows.5.6.2 = 6)"),
        ("rows.8.1.1n", "row 8.1, column 1n: given 21, computed 24 (the sum of 8.1 subtype 1: "
                        "subtypes.8.1[0].cells.1n = 24)"),
    ]
    # every cell of the broken relations, the total first: the sub-row a clerk changed is named too
    assert [p.cells for p in error.value.problems] == [
        ("rows.1.4", "rows.1.1.4", "rows.1.2.4", "rows.1.1", "rows.1.2", "rows.1.3"),
        ("rows.5.2", "rows.5.1.2", "rows.5.2.2", "rows.5.3.2", "rows.5.4.2", "rows.5.5.2", "rows.5.6.2"),
        ("rows.8.1.1n", "subtypes.8.1[0].cells.1n"),
    ]
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate("report-2mk", planted("report-2mk", _2mk_col2_below_its_reasons))
    [problem] = error.value.problems
    assert problem.path == "electronic.providers[1].services[0].cells.2"
    assert "given 19, less than 20 (the sum of columns 3, 4, 5, 6, 7, 8 = 2 + 6 + 1 + 2 + 4 + 5)" in problem.message
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate("report-4mk", planted("report-4mk", _4mk_total_col1_down))
    [problem] = error.value.problems
    assert (problem.path, problem.message) == (
        "total.1", "row Total, column 1: given 12200, computed 12201 (the sum of 1, 2: providers[0].cells.1 = 7051, "
                   "providers[1].cells.1 = 5150); less than 12201 (the sum of columns 2, 3 = 10101 + 2100)")


def test_a_wrong_part_is_also_reported_at_its_given_total():
    """Records the engine's behaviour (see the report): a given total is checked against its parts as
    given, so one wrong part under a given total yields two problems — at the part and at the total,
    although the total itself is right."""
    def wrong_11_1(d):
        d["rows"]["11.1"]["1"] = 4                       # its only subtype says 3; row 11 gives 9 = 3+3+3+0
    assert problems_of("report-1mk", planted("report-1mk", wrong_11_1)) == [
        ("11", "1", 9, 10),                              # 4+3+3+0: the correct total flagged
        ("11.1", "1", 4, 3),                             # the wrong cell
    ]

    def wrong_quarter_of_1_1(d):
        d["rows"]["1.1"]["4"] = 7                        # its months are 0+2+4 = 6; row 1 gives 21 = 6+15
    assert problems_of("report-1mk", planted("report-1mk", wrong_quarter_of_1_1)) == [
        ("1", "4", 21, 22),                              # 7+15: the correct total flagged
        ("1.1", "4", 7, 6),
    ]


def test_invalid_report_is_refused_by_render_too():
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render("report-4mk", planted("report-4mk", _4mk_total_col1_up), lang="en", fmt="html")
    assert [(p.row, p.column) for p in error.value.problems] == [("Total", "1")]


def test_cli_validate_prints_one_error_line_per_problem(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(planted("report-1mk", _1mk_all_three), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "report-1mk", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines)
    for line, cell in zip(lines, ("row 1, column 4", "row 5, column 2", "row 8.1, column 1n")):
        assert cell in line
    good = tmp_path / "good.json"
    good.write_text(json.dumps(load_fixture("report-1mk"), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "report-1mk", str(good)])
    assert result.exit_code == 0 and "valid report-1mk" in result.stderr


# ================================================================ 6. empty cells

@pytest.mark.parametrize("lang", LANGS)
def test_empty_cells_print_a_dash_and_a_computed_total_its_value(lang):
    data = {"year": 2026, "quarter": 3, "rows": {"1.1": {"1": 2}}}
    rows = docx_body_rows(formgen.render("report-1mk", data, lang=lang, fmt="docx"))
    cells = {row[0]: row[2:] for row in rows if row[0]}
    assert cells["1.1."] == ["2", "-", "-", "2"]        # the quarter: the months given
    assert cells["1."] == ["2", "-", "-", "2"]          # row 1 = 1.1 + 1.2, 1.2 empty
    for row in rows:
        if row[0] not in ("1.", "1.1."):
            assert row[2:] and set(row[2:]) == {"-"}, row[:2]
    # The subtype rows print their placeholder, with dashes.
    placeholders = [row for row in rows if not row[0]]
    assert len(placeholders) == 8


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", ["report-2mk", "report-3mk", "report-4mk"])
def test_hierarchy_without_providers_prints_dashes(report, lang):
    rows = docx_body_rows(formgen.render(report, {"year": 2026, "quarter": 3}, lang=lang, fmt="docx"))
    words = wording(lang, report)
    expected_labels = [words["rows"]["total"]] if report == "report-4mk" else [
        words["rows"]["total"], words["rows"]["1"], words["rows"]["2"]]
    assert [row[1] for row in rows] == expected_labels
    assert all(set(row[2:]) == {"-"} and len(row[2:]) == len(COLUMNS_HIERARCHY[report]) for row in rows)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_blank_form_cells_are_empty(report, lang):
    rows = docx_body_rows(rendered(report, lang, "docx", blank=True))
    assert rows
    for row in rows:
        assert all(cell == "" for cell in row[2:]), row[:2]
    html_cells = [c for _, _, cells in html_rows(rendered(report, lang, "html", blank=True)) for c in cells]
    assert html_cells and set(html_cells) == {""}
    if report != "report-1mk":
        # A blank hierarchy offers one provider, service and subtype line to fill in (per group).
        words = wording(lang, report)
        labels = [row[1] for row in rows]
        assert labels.count(words["rows"]["provider"]) == (1 if report == "report-4mk" else 2)
        assert labels.count(words["rows"]["subtype"]) == labels.count(words["rows"]["provider"])


# ================================================================ 7. structural errors

_DELETE = object()

STRUCTURAL = [
    # a column of the split table on a monthly row, and the reverse
    ("report-1mk", "rows/1/1n", 3, "rows.1", "column '1n' is not in this table (its columns: 1, 2, 3, 4)"),
    ("report-1mk", "rows/9/1", 3, "rows.9", "column '1' is not in this table (its columns: 1n, 1l, 2n, 2l, 3n, 3l, 4n, 4l)"),
    # a subtype of 8.3 names its information system; one of 8.1 has none
    ("report-1mk", "subtypes/8.3/0/system", _DELETE, "subtypes.8.3[0].system",
     "row 8.3 names the information system of each subtype"),
    ("report-1mk", "subtypes/8.1/0/system", "ИС", "subtypes.8.1[0].system", "row 8.1 has no information-system column"),
    # numbers are whole, non-negative, and numbers
    ("report-1mk", "rows/1.1/1", -1, "rows.1.1.1", "Input should be greater than or equal to 0"),
    ("report-1mk", "rows/1.1/1", 1.5, "rows.1.1.1", "Input should be a valid integer"),
    ("report-1mk", "rows/1.1/1", 2.0, "rows.1.1.1", "Input should be a valid integer"),
    ("report-1mk", "rows/1.1/1", "2", "rows.1.1.1", "Input should be a valid integer"),
    ("report-2mk", "paper/providers/0/services/1/cells/1", -728, "paper.providers[0].services[1].cells.1",
     "Input should be greater than or equal to 0"),
    ("report-3mk", "electronic/providers/0/services/0/subtypes/1/cells/2", 17.5,
     "electronic.providers[0].services[0].subtypes[1].cells.2", "Input should be a valid integer"),
    ("report-4mk", "providers/1/services/0/subtypes/0/cells/4", "29", "providers[1].services[0].subtypes[0].cells.4",
     "Input should be a valid integer"),
    # unknown rows and columns
    ("report-1mk", "rows/15", {"1": 1}, "rows.15", None),
    ("report-4mk", "providers/0/cells", {"10": 1}, "providers[0].cells.10", None),
]


@pytest.mark.parametrize("report, path, value, problem_path, message", STRUCTURAL,
                         ids=[f"{r}-{p}={v if v is not _DELETE else 'deleted'}" for r, p, v, _, _ in STRUCTURAL])
def test_structural_error_names_its_path(report, path, value, problem_path, message):
    data = copy.deepcopy(load_fixture(report))
    target = data
    *parents, last = path.split("/")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate(report, data)
    assert [p.path for p in error.value.problems] == [problem_path]
    if message is not None:
        assert error.value.problems[0].message == message
    assert not any(isinstance(p, Inconsistency) for p in error.value.problems)


# ================================================================ 8. the clarification

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_clarification_in_a_blank_form_not_in_a_filled_one_unless_asked(report, lang):
    clarification = wording(lang, report)["clarification"]
    title = squash(clarification["title"])
    blank = squash(docx_text(rendered(report, lang, "docx", blank=True)))
    assert title in blank
    for block in clarification["blocks"]:
        assert squash(block) in blank, block
    for line in clarification["annex"][1:]:
        assert squash(line) in blank
    filled = squash(docx_text(rendered(report, lang, "docx")))
    assert title not in filled
    assert squash(clarification["blocks"][-1]) not in filled
    with_clarification = squash(docx_text(rendered(report, lang, "docx", with_clarification=True)))
    assert title in with_clarification
    for block in clarification["blocks"]:
        assert squash(block) in with_clarification, block


# ================================================================ 9. PDF

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
def test_filled_pdf_is_landscape_with_the_title_and_the_total(report, lang):
    content = rendered(report, lang, "pdf")
    pages = PdfReader(io.BytesIO(content)).pages
    assert pages
    for page in pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    # A line that ends at the hyphen of a compound ("Joint-" / "Stock") joins the next one without a space.
    text = squash(pdf_text(content).replace("-\n", "-"))
    assert squash(wording(lang, report)["table_title"]) in text
    assert TOTAL_WORD[report][lang] in text
    assert (wording(lang, report)["rows"].get("total") or wording(lang, report)["columns"]["total"]) == TOTAL_WORD[report][lang]
    assert PERIOD[lang] in text


# ================================================================ the column codes

@pytest.mark.parametrize("report", REPORTS)
def test_column_a_is_coded_as_the_law_prints_it(report):
    """Every copy of the law, the English one included, codes the name column with the Cyrillic "А"."""
    for lang in LANGS:
        headings = docx_headings(rendered(report, lang, "docx"))
        assert "\u0410" in headings and "A" not in headings
