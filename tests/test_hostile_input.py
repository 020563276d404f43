"""Input that used to end in a traceback, vanish from the document, or be reported without its
field: each case replayed, each now a clear error naming the field (exit 2 on the command line)
or a document that prints the value as it was given."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document

import formgen
from formgen.cli import main
from formgen.forms.arithmetic import Inconsistency
from formgen.forms.limits import LIMITS
from formgen.procedure.deadlines import RULES

from conftest import dotted, leaves, load_fixture, pdf_text, replaced

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def problems(form_id, data, **options):
    """The problems render reports for data (html: the fastest format; validation comes first)."""
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render(form_id, data, lang="ru", fmt="html", **options)
    assert all(p.path for p in error.value.problems), error.value.problems
    return error.value.problems


def paths(found):
    return [p.path for p in found]


# ------------------------------------------------------------- dates at the edge of the calendar

DATE_FIELDS = [(form_id, path) for form_id in formgen.FORMS
               for path, value in leaves(load_fixture(form_id)) if isinstance(value, str) and ISO_DATE.fullmatch(value)]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("form_id, path", DATE_FIELDS, ids=[f"{f}:{dotted(p)}" for f, p in DATE_FIELDS])
def test_every_date_field_refuses_dates_outside_the_limits(form_id, path, value):
    found = problems(form_id, replaced(load_fixture(form_id), path, value))
    assert f"{dotted(path)}: {value} is outside the dates formgen accepts (2000-01-01 to 2100-12-31)" in map(str, found)


def test_every_form_has_date_fields_under_test():
    assert {form_id for form_id, _ in DATE_FIELDS} == set(formgen.FORMS)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("rule_id", RULES)
def test_deadline_from_the_edge_of_the_calendar_is_refused(rule_id, value):
    result = CliRunner().invoke(main, ["deadline", rule_id, "--from", value])
    assert result.exit_code == 2, result.output
    assert result.output == f"error: --from: {value} is outside the dates formgen accepts (2000-01-01 to 2100-12-31)\n"
    with pytest.raises(formgen.FormgenError, match="from_date: .* is outside the dates"):
        formgen.deadline(rule_id, formgen.api.dt.date.fromisoformat(value))


def test_the_dates_at_the_limits_are_accepted():
    case = load_fixture("report-1mk") | {"year": 2100, "quarter": 4, "date": "2100-12-31"}
    assert formgen.render("report-1mk", case, lang="ru", fmt="html")
    assert formgen.deadline("report-1mk", formgen.api.dt.date(2100, 12, 31)).year == 2101
    assert formgen.deadline("audit-start-planned", formgen.api.dt.date(2000, 1, 1)).year == 1999


# ------------------------------------------------------------------ ids, languages, nesting

@pytest.mark.parametrize("form_id", [["x"], None, 1, {"a": 1}, ("audit-start",), 2.5, b"audit-start"])
def test_a_form_id_that_is_no_text_is_an_unknown_form(form_id):
    with pytest.raises(formgen.UnknownForm, match="unknown form"):
        formgen.render(form_id, {}, lang="ru")
    with pytest.raises(formgen.UnknownForm):
        formgen.validate(form_id, {})
    with pytest.raises(formgen.UnknownForm):
        formgen.schema(form_id)


def test_a_blank_report_whose_reporter_lacks_the_language_names_the_field():
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render("report-1mk", lang="kk", blank=True, year=2026, quarter=4, reporter={"authority": {"ru": "x"}})
    assert [str(p) for p in error.value.problems] == ["reporter.authority: has no text in 'kk' (given: ru)"]


def nested(depth: int, make):
    root = inner = make()
    for _ in range(depth):
        child = make()
        if isinstance(inner, dict):
            inner["a"] = child
        else:
            inner.append(child)
        inner = child
    return root


@pytest.mark.parametrize("make", [dict, list])
@pytest.mark.parametrize("where", [("grounds",), ("entity",), ("auditors", 0, "position"), ("extra",)])
def test_nesting_a_hundred_thousand_deep_is_refused_clearly(where, make):
    data = load_fixture("audit-start")
    data = replaced(data, where, nested(100_000, make)) if where[0] in data or len(where) == 1 else data
    found = problems("audit-start", data)
    assert len(found) == 1 and found[0].message == "is nested deeper than 16 levels of objects and lists; at most 16 " \
                                                   "are allowed"
    assert found[0].path.startswith(dotted(where))
    with pytest.raises(formgen.InvalidData):
        formgen.validate("audit-start", data)


@pytest.mark.parametrize("text, reason", [
    ('{"a":' * 100_000 + "1" + "}" * 100_000, "JSON nested deeper than 64 levels"),
    ("[" * 100_000 + "]" * 100_000, "JSON nested deeper than 64 levels"),
    ('{"number": ' + "1" * 5000 + "}", "not valid JSON: number out of range"),
])
def test_the_command_line_reads_hostile_json_without_a_traceback(tmp_path, text, reason):
    case = tmp_path / "case.json"
    case.write_text(text, encoding="utf-8")
    for args in (["render", "audit-start", "--data", str(case), "-o", str(tmp_path / "out.pdf")],
                 ["validate", "audit-start", str(case)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
        assert f"error: {case}: {reason}" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_a_byte_order_mark_before_json_is_accepted(tmp_path):
    case = tmp_path / "case.json"
    case.write_text("\ufeff" + json.dumps(load_fixture("audit-start"), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "audit-start", str(case)])
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------ characters lost without a word

TEXT_FIELDS = [("grounds",), ("auditors", 0, "surname"), ("entity", "name", "ru"), ("number",)]


@pytest.mark.parametrize("char", ["\x80", "\x85", "\x9f", "\x7f", "\x07"])
@pytest.mark.parametrize("where", TEXT_FIELDS, ids=dotted)
def test_control_characters_c0_and_c1_alike_are_refused_with_field_and_position(where, char):
    found = problems("audit-start", replaced(load_fixture("audit-start"), where, f"ab{char}cd"))
    assert [str(p) for p in found] == [
        f"{dotted(where)}: contains the control character U+{ord(char):04X} at position 3, which a document cannot print"]


@pytest.mark.parametrize("value", ["\u200b", "\u2060", "\ufeff", "\u00ad", " \u200b\u200c\u200d ", "\u3164",
                                   "\u2060\n\u200b", "\u202e\u202c", "\ufe0f", "\u3000\u00a0"])
@pytest.mark.parametrize("where", TEXT_FIELDS, ids=dotted)
def test_a_value_of_invisible_characters_only_is_empty(where, value):
    found = problems("audit-start", replaced(load_fixture("audit-start"), where, value))
    assert [str(p) for p in found] == [f"{dotted(where)}: is empty: it holds only white space or invisible characters"]


def test_invisible_characters_inside_a_visible_value_are_kept():
    case = replaced(load_fixture("audit-start"), ("grounds",), "audit\u00adplan\u200b 2026")
    assert formgen.validate("audit-start", case).grounds == "audit\u00adplan\u200b 2026"


@pytest.mark.parametrize("digits", [
    "".join(chr(ord(c) + 0xFEE0) for c in "050140003422"),    # full-width
    "".join(chr(ord(c) + 0x0630) for c in "050140003422"),    # Arabic-Indic
    "".join(chr(ord(c) + 0x06C0) for c in "050140003422"),    # extended Arabic-Indic
    "05014000342\u0662",
])
def test_an_iin_bin_takes_ascii_digits_only(digits):
    assert formgen.validate("audit-start", load_fixture("audit-start")).entity.iin_bin == "050140003422"
    found = problems("audit-start", replaced(load_fixture("audit-start"), ("entity", "iin_bin"), digits))
    assert [str(p) for p in found] == ["entity.iin_bin: an IIN/BIN is 12 digits 0-9"]


# ------------------------------------------------------------------ a newline inside one value

def test_a_newline_inside_a_proposal_keeps_it_one_numbered_proposal_in_docx_and_pdf():
    case = load_fixture("violations-request")
    case["proposals"] = ["first line of one\r\nsecond line of it", "another proposal"]
    docx = formgen.render("violations-request", case, lang="en", fmt="docx")
    paragraphs = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    numbered = [p for p in paragraphs if re.match(r"\d\) ", p)]       # the findings, then the proposals
    assert len(numbered) == len(case["findings"]) + 2
    assert numbered[-2:] == ["1) first line of one\nsecond line of it", "2) another proposal"]
    text = pdf_text(formgen.render("violations-request", case, lang="en", fmt="pdf"))
    assert "1) first line of one\nsecond line of it\n2) another proposal" in text
    html = formgen.render("violations-request", case, lang="en", fmt="html").decode()
    assert '<p class="value">1) first line of one<br>second line of it</p><p class="value">2) another proposal</p>' in html


@pytest.mark.parametrize("form_id, where", [
    ("audit-start", ("grounds",)), ("audit-start", ("entity", "name", "ru")), ("audit-start", ("auditors", 0, "surname")),
    ("audit-certificate", ("findings", 0, "text")), ("checklist", ("state_body", "ru")),
    ("report-4mk", ("providers", 0, "name", "ru")), ("report-4mk", ("reporter", "authority", "ru")),
])
def test_a_newline_inside_any_value_prints_as_a_line_break_within_it(form_id, where):
    case = replaced(load_fixture(form_id), where, "upper half\n\n   lower half")
    docx = formgen.render(form_id, case, lang="ru", fmt="docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert re.search(r"upper half</w:t><w:br/><w:t xml:space=\"preserve\">lower half", xml)
    assert "upper half<br>lower half" in formgen.render(form_id, case, lang="ru", fmt="html").decode()
    # a PDF line may be justified: spaces widen, the break stays
    assert re.search(r"upper +half *\n *lower +half", pdf_text(formgen.render(form_id, case, lang="ru", fmt="pdf")))


# ------------------------------------------------------------------ problems that point at the field

@pytest.mark.parametrize("key, shown", [("", "['']"), ("str", "str"), ("[key]", "['[key]']"), ("a[b]", "['a[b]']"),
                                        ("number ", "['number ']"), ("bell\x07", "['bell\\x07']"),
                                        ("per language", "['per language']")])
def test_an_unknown_key_is_named_whatever_it_is_called(key, shown):
    case = load_fixture("audit-start")
    del case["number"]
    case[key] = "x"
    assert [str(p) for p in problems("audit-start", case)] == [
        "number: required field is missing", f"{shown}: unknown field (not in the form's schema)"]


def test_a_wrong_key_inside_a_text_per_language_is_named():
    case = replaced(load_fixture("audit-start"), ("grounds",), {"kk": "x", "ru": 1, "de": "y"})
    assert [str(p) for p in problems("audit-start", case)] == [
        "grounds.ru: Input should be a valid string", "grounds.de: Input should be 'kk', 'ru' or 'en'"]


@pytest.mark.parametrize("value", ["bell \x07 here", {"ru": "bell \x07 here"}])
def test_a_control_character_in_a_text_gives_one_line_not_two(value):
    found = problems("audit-start", replaced(load_fixture("audit-start"), ("subject",), value))
    path = "subject" if isinstance(value, str) else "subject.ru"
    assert [str(p) for p in found] == [
        f"{path}: contains the control character U+0007 at position 6, which a document cannot print"]


@pytest.mark.parametrize("value", [42, None, [], True, 1.5])
def test_a_text_of_the_wrong_type_gives_one_line(value):
    found = problems("audit-start", replaced(load_fixture("audit-start"), ("subject",), value))
    assert [str(p) for p in found] == ["subject: must be text, or an object with the text per language (kk, ru, en)"]


def test_a_changed_sub_row_is_named_with_every_cell_of_the_relation_it_breaks():
    case = load_fixture("report-1mk")
    case["subtypes"]["8.1"][0]["cells"]["1n"] = 24     # 8.1 gives 21 for its only subtype
    [problem] = problems("report-1mk", case)
    assert isinstance(problem, Inconsistency)
    assert problem.cells == ("rows.8.1.1n", "subtypes.8.1[0].cells.1n")
    assert "subtypes.8.1[0].cells.1n = 24" in problem.message


# ------------------------------------------------------------------ limits

@pytest.mark.parametrize("where, limit", [
    (("number",), LIMITS.text.line), (("auditors", 0, "surname"), LIMITS.text.line),
    (("authority", "ru"), LIMITS.text.name), (("entity", "location", "ru"), LIMITS.text.name),
    (("grounds", "ru"), LIMITS.text.text), (("subject", "ru"), LIMITS.text.text),
])
def test_a_text_over_its_limit_is_refused_naming_the_field_and_the_limit(where, limit):
    case = load_fixture("audit-start")
    assert formgen.validate("audit-start", replaced(case, where, "я" * limit))
    found = problems("audit-start", replaced(case, where, "я" * (limit + 1)))
    assert [str(p) for p in found] == [
        f"{dotted(where)}: is {limit + 1:,} characters long; at most {limit:,} are allowed"]


def test_a_million_characters_are_refused_before_anything_is_laid_out():
    found = problems("audit-start", replaced(load_fixture("audit-start"), ("grounds",), "слово " * 150_000))
    assert [str(p) for p in found] == [f"grounds: is 899,999 characters long; at most {LIMITS.text.text:,} are allowed"]
    found = problems("audit-start", replaced(load_fixture("audit-start"), ("grounds",), "я" * 1_000_000))
    assert [str(p) for p in found] == [
        "grounds: the case data's texts hold more than 1,000,000 characters; at most 1,000,000 are allowed"]


@pytest.mark.parametrize("form_id, where, limit", [
    ("audit-start", ("auditors",), LIMITS.lists.auditors),
    ("audit-start", ("entity", "facilities"), LIMITS.lists.facilities),
    ("audit-certificate", ("findings",), LIMITS.lists.findings),
    ("violations-request", ("proposals",), LIMITS.lists.proposals),
    ("checklist", ("officials",), LIMITS.lists.officials),
    ("report-4mk", ("providers",), LIMITS.lists.providers),
    ("report-4mk", ("providers", 0, "services"), LIMITS.lists.services),
    ("report-2mk", ("paper", "providers", 0, "services", 0, "subtypes"), LIMITS.lists.subtypes),
    ("report-1mk", ("subtypes", "8.1"), LIMITS.lists.subtypes),
])
def test_a_list_over_its_limit_is_refused_naming_the_field_and_the_limit(form_id, where, limit):
    case = load_fixture(form_id)
    target = case
    for step in where:
        target = target[step]
    found = problems(form_id, replaced(case, where, [target[0]] * (limit + 1)))
    assert f"{dotted(where)}: has {limit + 1:,} items; at most {limit:,} are allowed" in map(str, found)


def test_ten_thousand_services_are_refused_at_once():
    case = load_fixture("report-4mk")
    service = {"name": "услуга", "cells": {"1": 1, "2": 1}}
    case["providers"] = [{"name": f"провайдер {p}", "services": [service] * 1000} for p in range(10)]
    found = problems("report-4mk", case)
    assert [str(p) for p in found] == [f"providers[{p}].services: has 1,000 items; at most 300 are allowed"
                                       for p in range(10)]


def test_a_report_over_the_rows_of_a_document_names_the_first_row_past_it():
    case = load_fixture("report-4mk")
    service = {"name": "услуга", "cells": {"1": 1, "2": 1}}
    case["providers"] = [{"name": f"провайдер {p}", "services": [service] * 249} for p in range(4)]
    assert formgen.validate("report-4mk", case)                          # 4 providers + 996 services: 1,000 rows
    case["providers"][3]["services"].append(service)
    assert [str(p) for p in problems("report-4mk", case)] == [
        "providers[3].services[249]: the report has 1,001 rows in its tables; at most 1,000 are allowed"]


def test_a_document_over_the_text_printed_in_one_language_names_where_it_passes_it():
    case = load_fixture("audit-certificate")
    finding = {"kind": 1, "text": {"ru": "нарушение " * 450, "kk": "бұзушылық", "en": "violation"}}
    case["findings"] = [finding] * 30                                    # 30 × 4,499 characters in Russian
    [problem] = problems("audit-certificate", case)
    assert re.fullmatch(r"findings\[\d+\]\.text: the document's text in 'ru' has 10\d,\d{3} characters; at most "
                        r"100,000 are allowed \(the limit of one document; the count passes it here\)", str(problem))


def test_case_data_over_the_values_of_a_document_is_refused_before_validation():
    case = load_fixture("audit-start") | {"specialists": [0] * 150_000}
    [problem] = problems("audit-start", case)
    assert problem.message == "the case data holds more than 100,000 values; at most 100,000 are allowed"
    assert problem.path.startswith("specialists[")


def test_a_count_over_the_largest_a_cell_takes_is_refused():
    case = load_fixture("report-4mk") | {"total": {"1": 10 ** 12}}
    assert "total.1: Input should be less than or equal to 999999999999" in map(str, problems("report-4mk", case))


def test_the_json_schema_shows_the_limits():
    schema = formgen.schema("violations-request")
    assert schema["properties"]["proposals"]["maxItems"] == LIMITS.lists.proposals
    assert schema["properties"]["number"]["maxLength"] == LIMITS.text.line


def test_the_first_hundred_problems_are_listed_and_the_rest_counted():
    case = load_fixture("audit-start") | {f"unknown{i}": 1 for i in range(150)}
    found = problems("audit-start", case)
    assert len(found) == 101
    assert found[-1].message == "and 50 more problems (the first 100 are listed)"
