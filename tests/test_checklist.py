"""The checklist of joint order No. 102/57 (Annex 2) in every language, rendered
for real to DOCX and PDF, filled and blank, and read back: the title, every
header line, all 19 requirements with the marks in the right column, the
act's date in each language's style, the signatures; and its bad input."""

from __future__ import annotations

import copy
import io

import pytest
from docx import Document
from pypdf import PdfReader

import formgen
from formgen.forms.schemas.checklist import REQUIREMENTS
from formgen.forms.wording import wording

from conftest import docx_text, load_fixture, pdf_fonts, pdf_text, squash

LANGS = ("kk", "ru", "en")

TITLE_START = {
    "kk": "Қазақстан Республикасының заңнамасына сәйкес мемлекеттік қызметтер көрсететін орталық мемлекеттік органдар",
    "ru": "Проверочный лист в сфере оказания государственных услуг в отношении центральных государственных органов",
    "en": "Checklist in the sphere of public services in respect of central state bodies",
}
TITLE_END = {"kk": "мемлекеттік көрсетілетін қызметтер саласындағы тексеру парағы",
             "ru": "в соответствии с законодательством Республики Казахстан",
             "en": "in accordance with the legislation of the Republic of Kazakhstan"}
# The act of appointment of the fixture, the number first as the form's caption ("No., date") has it.
ACT = {"kk": "№ 14-05/208 «6» сәуір 2026 жыл", "ru": "№ 14-05/208 от 6 апреля 2026 года",
       "en": "No. 14-05/208 of 6 April 2026"}
# The subject is the audited entity of the audit fixtures, by the same name and BIN.
ENTITY = {"kk": "«Астана қаласының жер қатынастары басқармасы» мемлекеттік мекемесі",
          "ru": "государственное учреждение «Управление земельных отношений города Астаны»",
          "en": "state institution “Department of Land Relations of the City of Astana”"}
NAMES = {"kk": ("Жұмабекова Айгерім Серікқызы", "Ковалёв Дмитрий Андреевич", "Ибраев Бекзат Серікұлы"),
         "ru": ("Жұмабекова Айгерім Серікқызы", "Ковалёв Дмитрий Андреевич", "Ибраев Бекзат Серікұлы"),
         "en": ("Zhumabekova Aigerim Serikkyzy", "Kovalev Dmitrii Andreevich", "Ibraev Bekzat Serikuly")}
# Requirement 7 of the order, the first words, as the Kazakh text (seed 002, line 852) and its translations have them.
REQUIREMENT_7 = {"kk": "Көрсетілетін қызметті берушілердің орналасу жерлерінде",
                 "ru": "Наличие в местах нахождения услугодателей",
                 "en": "Availability, at the locations of service providers"}


def rendered(lang: str, fmt: str, data: dict | None = None, blank: bool = False) -> bytes:
    if blank:
        return formgen.render("checklist", lang=lang, fmt=fmt, blank=True)
    return formgen.render("checklist", data or load_fixture("checklist"), lang=lang, fmt=fmt)


def marks_in_docx(content: bytes) -> dict[int, tuple[str, str]]:
    """Requirement number → (meets column, does-not-meet column) of the DOCX's table."""
    [table] = Document(io.BytesIO(content)).tables
    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    return {int(row[0]): (row[2], row[3]) for row in rows[1:]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_lists_the_19_requirements_of_the_order(lang):
    requirements = wording(lang, "checklist")["requirements"]
    assert len(requirements) == REQUIREMENTS == 19
    assert requirements[6].startswith(REQUIREMENT_7[lang])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("lang", LANGS)
def test_filled_checklist_prints_title_header_every_requirement_and_signatures(lang, fmt):
    content = rendered(lang, fmt)
    text = squash(docx_text(content) if fmt == "docx" else pdf_text(content))
    w = wording(lang, "checklist")
    assert TITLE_START[lang] in text and TITLE_END[lang] in text
    for line in w["annex"]:
        assert squash(line) in text
    for label in w["header"].values():
        assert squash(label) in text, label
    for key in ("no", "requirement", "meets", "fails"):
        assert squash(w["columns"][key]) in text, key
    for n, requirement in enumerate(w["requirements"], 1):
        assert squash(requirement) in text.replace("- ", "-") or squash(requirement) in text, n
    assert ACT[lang] in text
    assert ENTITY[lang] in text and "050140003422" in text
    for name in NAMES[lang]:
        assert name in text
    for key in ("officials", "head", "name_caption", "position_caption", "signature_caption"):
        assert squash(w["footer"][key]) in text


@pytest.mark.parametrize("lang", LANGS)
def test_marks_stand_in_the_column_of_each_result(lang):
    results = load_fixture("checklist")["results"]
    marks = marks_in_docx(rendered(lang, "docx"))
    assert sorted(marks) == list(range(1, 20))
    for n, (meets, fails) in marks.items():
        expected = {"meets": ("+", ""), "fails": ("", "+")}.get(results.get(str(n)), ("", ""))
        assert (meets, fails) == expected, n
    assert [n for n, (_, fails) in marks.items() if fails] == [7, 10, 16]
    assert [n for n, (meets, fails) in marks.items() if not meets and not fails] == [1, 2, 3]   # not applicable


@pytest.mark.parametrize("lang", LANGS)
def test_blank_checklist_has_lines_to_fill_and_no_marks(lang):
    content = rendered(lang, "docx", blank=True)
    text = docx_text(content)
    assert squash(TITLE_START[lang]) in squash(text)
    assert all(marks == ("", "") for marks in marks_in_docx(content).values())
    assert len(marks_in_docx(content)) == 19
    labels = [label for key, label in wording(lang, "checklist")["header"].items() if key != "act_number_date"]
    header_lines = [p.text for p in Document(io.BytesIO(content)).paragraphs
                    if any(p.text.startswith(label) for label in labels)]
    assert len(header_lines) == 6 and all(line.rstrip().endswith("____") for line in header_lines)
    pdf = squash(pdf_text(rendered(lang, "pdf", blank=True)))
    assert "+" not in pdf and "____" in pdf


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_a4_portrait_with_its_heading_on_every_page_and_the_kazakh_font(lang):
    content = rendered(lang, "pdf")
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 2
    for page in pages:
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
        assert squash(wording(lang, "checklist")["columns"]["requirement"]) in squash(page.extract_text())
    assert any(font.startswith("formgen-Tinos") for font in pdf_fonts(content))


def test_several_officials_each_sign():
    data = load_fixture("checklist")
    text = docx_text(rendered("ru", "docx", data))
    assert text.count("фамилия, имя, отчество (при наличии)") == len(data["officials"]) + 1   # and the head


@pytest.mark.parametrize("change, path, reason", [
    (lambda d: d["results"].update({"3": "yes"}), "results.3", "'meets' or 'fails'"),
    (lambda d: d["results"].update({"20": "meets"}), "results.20", "less than or equal to 19"),
    (lambda d: d.update(results={}), "results", "at least 1 item"),
    (lambda d: d["entity"].update(iin_bin="080340003515"), "entity.iin_bin", "check digit"),
    (lambda d: d.update(officials=[]), "officials", "at least 1 item"),
    (lambda d: d["act"].pop("date"), "act.date", "required field is missing"),
    (lambda d: d.update(result={"1": "meets"}), "result", "unknown field"),
])
def test_bad_input_names_the_field_and_the_reason(change, path, reason):
    data = copy.deepcopy(load_fixture("checklist"))
    change(data)
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render("checklist", data, lang="kk", fmt="docx")
    [problem] = error.value.problems
    assert problem.path == path and reason in problem.message


def test_a_text_missing_in_the_language_asked_is_refused_and_results_are_not_taken_for_a_text():
    data = copy.deepcopy(load_fixture("checklist"))
    data["state_body"] = {"kk": "Астана қаласының жергілікті атқарушы органы"}
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render("checklist", data, lang="en", fmt="pdf")
    assert [str(p) for p in error.value.problems] == ["state_body: has no text in 'en' (given: kk)"]
    assert formgen.render("checklist", data, lang="kk", fmt="docx")


def test_options_of_other_forms_are_refused_by_name():
    with pytest.raises(formgen.FormgenError, match="checklist takes no option year; it takes no options"):
        formgen.render("checklist", lang="kk", fmt="pdf", blank=True, year=2026)
    with pytest.raises(formgen.FormgenError, match="checklist renders as docx, pdf, html, not xlsx"):
        formgen.render("checklist", load_fixture("checklist"), lang="kk", fmt="xlsx")
