"""Typesetting a clerk would sign: no-break spaces where a line must not break, Kazakh words broken only at
their syllables, a label never left at the foot of a page without its value, a signature block never alone on
its page, the 1-mk table starting on page 1; and the same intentions in the DOCX (keep with next, rows that do
not split).  Every form in every language, filled and blank, is rendered to PDF and read page by page."""

from __future__ import annotations

import functools
import io
import re
import warnings

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

import formgen
from formgen.forms import FORMS
from formgen.forms.audit import INLINE_STYLES, LAYOUTS
from formgen.forms.wording import wording
from formgen.typesetting import NBSP, SOFT_HYPHEN, hyphenate_kk, syllable_breaks, tie

from conftest import docx_text, load_fixture, squash

LANGS = ("kk", "ru", "en")
VARIANTS = ("filled", "blank")


@functools.cache
def pdf_pages(form_id: str, lang: str, variant: str) -> tuple[str, ...]:
    """The text of each page, as read from the PDF (a word hyphenated at a line's end joined again)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # transliterated names: tested in test_names.py
        content = (formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="pdf") if variant == "filled"
                   else formgen.render(form_id, lang=lang, fmt="pdf", blank=True))
    return tuple(re.sub("\u2010\\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages)


def render_docx(form_id: str, lang: str, variant: str = "filled") -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if variant == "blank":
            return formgen.render(form_id, lang=lang, fmt="docx", blank=True)
        return formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="docx")


def joined(pages) -> str:
    """The pages' text with line breaks and runs of spaces as one space; no-break spaces stay what they are."""
    return re.sub(r"[ \n]+", " ", "\n".join(pages))


ALL = [(form_id, lang, variant) for form_id in FORMS for lang in LANGS for variant in VARIANTS]


# ---------------------------------------------------------------- no-break spaces

@pytest.mark.parametrize("text, tied", [
    ("№ 12 от 9 февраля 2026 года", f"№{NBSP}12 от 9{NBSP}февраля 2026{NBSP}года"),
    ("No. 14-05/112 of 9 February 2026", f"No.{NBSP}14-05/112 of 9{NBSP}February 2026"),
    ("2026 жылғы 11 наурыздан 24 наурызға дейін", f"2026{NBSP}жылғы 11{NBSP}наурыздан 24{NBSP}наурызға дейін"),
    ("«25» июня 2024 года", f"«25»{NBSP}июня 2024{NBSP}года"),
    ("«___» __________ 20__ жыл", f"«___» __________ 20__{NBSP}жыл"),
    ("Т. Исаев", f"Т.{NBSP}Исаев"),
    ("Исаев Т. Б.", f"Исаев{NBSP}Т.{NBSP}Б."),
    ("Қасымбек Ж. М.", f"Қасымбек{NBSP}Ж.{NBSP}М."),
    ("в 12 пунктах", "в 12 пунктах"),
    ("Астана қ., Есіл ауданы", "Астана қ., Есіл ауданы"),
])
def test_tie(text, tied):
    assert tie(text) == tied


# The fixture's start notice as the suspension notice prints it, number first, with its no-break spaces.
START_NOTICE = {"kk": f"№{NBSP}14-05/112 «9»{NBSP}ақпан 2026{NBSP}жыл",
                "ru": f"№{NBSP}14-05/112 от 9{NBSP}февраля 2026{NBSP}года",
                "en": f"No.{NBSP}14-05/112 of 9{NBSP}February 2026"}
DATE = {"kk": f"2026{NBSP}жылғы «27»{NBSP}ақпан", "ru": f"«27»{NBSP}февраля 2026{NBSP}года", "en": f"27{NBSP}February 2026"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_break_spaces_in_the_pdf_and_the_docx(lang):
    """The PDF's text and the DOCX's keep the no-break spaces (Tinos draws them as spaces, under a glyph of
    their own), in values and in the wording alike."""
    pdf = joined(pdf_pages("audit-suspension", lang, "filled"))
    docx = joined([docx_text(render_docx("audit-suspension", lang))])
    for text in (pdf, docx):
        assert START_NOTICE[lang] in text and DATE[lang] in text
        assert f"№{NBSP}14-05/131" in text  # the document's own number in its heading
    # The wording's own: the checklist's reference to joint order No. 102 of 4 May 2023.
    checklist = joined(pdf_pages("checklist", lang, "blank"))
    assert {"kk": f"№{NBSP}102", "ru": f"№{NBSP}102", "en": f"No.{NBSP}102"}[lang] in checklist
    assert {"kk": f"4{NBSP}мамырдағы", "ru": f"4{NBSP}мая", "en": f"4{NBSP}May"}[lang] in checklist
    # A number group (Babel's no-break space).
    report = joined(pdf_pages("report-2mk", lang, "filled"))
    assert ("1,047" if lang == "en" else f"1{NBSP}047") in report
    # Initials and surname of the head, filled into the report's footer.
    head = {"kk": f"Мадиев{NBSP}Ж.{NBSP}Х.", "ru": f"Мадиев{NBSP}Ж.{NBSP}Х.", "en": f"Madiev{NBSP}Zh.{NBSP}Kh."}
    assert head[lang] in report
    assert head[lang] in joined([docx_text(render_docx("report-2mk", lang))])


@pytest.mark.parametrize("form_id, lang, variant", ALL)
def test_no_line_breaks_where_a_space_is_tied(form_id, lang, variant):
    """No line of any page ends with "№", "No." or a day before its month, nor starts with "года" / "жылғы"."""
    for page in pdf_pages(form_id, lang, variant):
        for line in page.splitlines():
            assert not re.search(r"(?:№|No\.)\s*$", line), line
            assert not re.match(r"\s*(?:года|жылғы|жыл)\b", line), line


# ---------------------------------------------------------------- Kazakh syllables

@pytest.mark.parametrize("word, syllables", [
    # the long heading words of 2-mk and 3-mk, which broke at their last letter before: энергиясыны-ң,
    # проблемаларғ-а, ауыртпалықта-р
    ("энергиясының", "энер-ги-я-сы-ның"),
    ("проблемаларға", "проб-ле-ма-лар-ға"),
    ("ауыртпалықтар", "ауырт-па-лық-тар"),
    ("қызметкерінің", "қыз-мет-ке-рі-нің"),
    ("шектеулер", "шек-теу-лер"),        # "у" after a vowel closes the syllable
    ("уақыты", "уа-қы-ты"),              # and opening a word before one, opens it
    ("байланысты", "бай-ла-ныс-ты"),
    ("ЖЕЖ", "ЖЕЖ"),                      # an abbreviation is never broken
    ("ауа", "ауа"),                      # no single letter kept or carried
])
def test_kazakh_words_break_at_their_syllables(word, syllables):
    assert hyphenate_kk(word).replace(SOFT_HYPHEN, "-") == syllables
    assert all(2 <= b <= len(word) - 2 for b in syllable_breaks(word))


@pytest.mark.parametrize("report", ["report-2mk", "report-3mk"])
def test_kazakh_headings_break_only_at_a_hyphen(report):
    """Each heading word of the Kazakh tables stands whole on a line or breaks at one of its syllables, with a
    hyphen: the PDF's heading lines, hyphens joined, give back the words; no line is a lone letter or two."""
    content = formgen.render(report, lang="kk", fmt="pdf", blank=True)
    raw = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    words = set(re.findall(r"\w+", str(wording("kk", report)["columns"]).lower()))
    lines = raw.splitlines()
    for before, line in zip(lines, lines[1:]):
        piece = line.strip(" ,.)")
        if re.fullmatch(r"[а-яәғқңөұүһі]{1,3}", piece) and piece not in words:  # a word's end: broken at a hyphen
            assert before.rstrip().endswith("\u2010"), (before, line)
    assert not re.search(r"(?m)^\s*[а-яәғқңөұүһі]\s*$", raw)  # never a letter alone
    for word in ("энергиясының", "проблемаларға", "ауыртпалықтар"):
        pieces = [hyphenate_kk(word).split(SOFT_HYPHEN)]
        broken = {"".join(p[:i]) + "\u2010" for p in pieces for i in range(1, len(p))}
        assert word in raw or any(b in raw for b in broken), word


def test_kazakh_soft_hyphens_stay_out_of_what_users_read_back():
    """The PDF's text drops unused soft hyphens; the DOCX carries Word's optional hyphens, not U+00AD; the
    XLSX has none."""
    pdf = "\n".join(pdf_pages("report-2mk", "kk", "filled"))
    assert SOFT_HYPHEN not in pdf
    docx = render_docx("report-2mk", "kk")
    assert SOFT_HYPHEN not in docx_text(docx)
    document = Document(io.BytesIO(docx))
    assert document.element.body.findall(".//" + qn("w:softHyphen"))
    xlsx = formgen.render("report-2mk", load_fixture("report-2mk"), lang="kk", fmt="xlsx")
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert not any(SOFT_HYPHEN in str(c.value) for row in sheet.iter_rows() for c in row if c.value)


# ---------------------------------------------------------------- page breaks

def _labels(form_id: str, lang: str) -> list[str]:
    """The labels of the items whose value prints below them (the audit documents')."""
    if form_id not in LAYOUTS:
        return []
    return [squash(f"{n}. {label}") for n, (label, item) in enumerate(zip(wording(lang, form_id)["items"],
                                                                            LAYOUTS[form_id]), 1)
            if item.style not in INLINE_STYLES]


def _signature_start(form_id: str, lang: str) -> str:
    """The first words of the form's signature block."""
    w = wording(lang, form_id)
    if form_id in LAYOUTS:
        n, label = next((n, label) for n, (label, item) in enumerate(zip(w["items"], LAYOUTS[form_id]), 1)
                        if item.style == "signatures")
        return squash(f"{n}. {label}")
    return squash(w["footer"]["officials"] if form_id == "checklist" else w["footer"]["authority"])


@pytest.mark.parametrize("form_id, lang, variant", ALL)
def test_no_page_holds_only_a_label_or_the_signatures(form_id, lang, variant):
    pages = [squash(page) for page in pdf_pages(form_id, lang, variant)]
    signature = _signature_start(form_id, lang)
    signed = [i for i, page in enumerate(pages) if signature in page]
    assert signed, signature
    # The signature block shares its page with what precedes it.
    page = pages[signed[0]]
    assert page.index(signature) > 0, f"page {signed[0] + 1} starts with the signatures"
    # No page but the last ends with a label whose value is on the next page.
    for number, page in enumerate(pages[:-1], 1):
        for label in _labels(form_id, lang):
            assert not page.endswith(label), f"page {number} ends with {label!r}"
    # And no page is a label alone, or empty.
    for number, page in enumerate(pages, 1):
        assert page and page not in _labels(form_id, lang), f"page {number}: {page!r}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_1mk_table_starts_on_page_1(lang, variant):
    first_page = squash(pdf_pages("report-1mk", lang, variant)[0])
    words = wording(lang, "report-1mk")
    assert squash(words["table_title"]) in first_page
    assert squash(f"1. {words['rows']['1']}") in first_page
    assert squash(f"1.1. {words['rows']['1.1']}") in first_page


# ---------------------------------------------------------------- the same in DOCX

def _keep_with_next(paragraph) -> bool:
    return bool(paragraph.paragraph_format.keep_with_next)


@pytest.mark.parametrize("form_id", list(LAYOUTS))
@pytest.mark.parametrize("lang", LANGS)
def test_docx_keeps_labels_with_their_values_and_the_signatures_together(form_id, lang):
    paragraphs = [p for p in Document(io.BytesIO(render_docx(form_id, lang))).paragraphs if p.text.strip()]
    texts = [squash(p.text) for p in paragraphs]
    for label in _labels(form_id, lang):
        (at,) = [i for i, text in enumerate(texts) if text == label]
        assert _keep_with_next(paragraphs[at]), label
    signature = _signature_start(form_id, lang)
    at = texts.index(signature)
    signatory_lines = [p for p in paragraphs[at:] if "________________" in p.text]
    assert signatory_lines and all(_keep_with_next(p) for p in signatory_lines[:-1])
    assert _keep_with_next(paragraphs[at - 1]), "the item before the signatures keeps with them"


@pytest.mark.parametrize("form_id", [f for f in FORMS if f not in LAYOUTS])
@pytest.mark.parametrize("lang", LANGS)
def test_docx_tables_rows_never_split_and_headings_keep_with_their_table(form_id, lang):
    document = Document(io.BytesIO(render_docx(form_id, lang)))
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    words = wording(lang, form_id)
    headings = [words["table_title"], *words.get("sections", {}).values()] if form_id != "checklist" else []
    for paragraph in document.paragraphs:
        if squash(paragraph.text) in {squash(h) for h in headings}:
            assert _keep_with_next(paragraph), paragraph.text
    footer = words["footer"]
    first = footer["officials"] if form_id == "checklist" else f"{footer['authority']}:"
    (start,) = [i for i, p in enumerate(document.paragraphs) if p.text.startswith(first)]
    block = [p for p in document.paragraphs[start:] if p.text.strip()]
    assert all(_keep_with_next(p) for p in block[:3])
