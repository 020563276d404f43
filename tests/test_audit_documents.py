"""Every audit document (Annexes 1–6) in every language, rendered for real to
DOCX and PDF, read back, and checked for its title, every numbered item, the
dates in the language's official style, and the case's values."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import formgen
from formgen.forms import audit
from formgen.forms.wording import wording

from conftest import docx_text, load_fixture, pdf_fonts, pdf_text, squash

AUDIT_FORMS = list(audit.LAYOUTS)
LANGS = ("kk", "ru", "en")

# The Kazakh titles as the official text (seed 000) has them.
KK_TITLES = {
    "auditors-change": "Тексеруші лауазымды адамдар құрамының өзгеруі туралы хабарлама",
    "audit-start": "Тексерудің басталуы туралы хабарлама",
    "audit-suspension": "Тексеру мерзімдерін тоқтата тұру туралы хабарлама",
    "audit-resumption": "Тексеру мерзімдерін қайта бастау туралы хабарлама",
    "audit-certificate": "Тексеру нәтижелері туралы анықтама",
    "violations-request": "Бұзушылықтарды жою туралы ұсыну",
}
RU_TITLES = {
    "auditors-change": "Уведомление об изменении состава проверяющих должностных лиц",
    "audit-start": "Уведомление о начале проверки",
    "audit-suspension": "Уведомление о приостановлении сроков проведения проверки",
    "audit-resumption": "Уведомление о возобновлении сроков проведения проверки",
    "audit-certificate": "Справка о результатах проверки",
    "violations-request": "Представление об устранении нарушений",
}

# Dates of the fixtures as each language's official style prints them.
EXPECTED_DATES = {
    "audit-start": {
        "kk": ["2026 жылғы «9» ақпан", "2026 жылғы 16 ақпаннан 13 наурызға дейін", "2025 жылғы 1 қаңтардан 31 желтоқсанға дейін"],
        "ru": ["«9» февраля 2026 года", "с 16 февраля по 13 марта 2026 года", "с 1 января по 31 декабря 2025 года"],
        "en": ["9 February 2026", "from 16 February to 13 March 2026", "from 1 January to 31 December 2025"],
    },
    "auditors-change": {
        "kk": ["2026 жылғы «19» ақпан", "2026 жылғы 16 ақпаннан 13 наурызға дейін"],
        "ru": ["«19» февраля 2026 года", "с 16 февраля по 13 марта 2026 года"],
        "en": ["19 February 2026", "from 16 February to 13 March 2026"],
    },
    "audit-suspension": {
        "kk": ["2026 жылғы «27» ақпан", "№ 14-05/112 «9» ақпан 2026 жыл", "2026 жылғы 27 ақпаннан бастап"],
        "ru": ["«27» февраля 2026 года", "№ 14-05/112 от 9 февраля 2026 года", "с 27 февраля 2026 года"],
        "en": ["27 February 2026", "No. 14-05/112 of 9 February 2026", "from 27 February 2026"],
    },
    "audit-resumption": {
        "kk": ["2026 жылғы «10» наурыз", "№ 14-05/112 «9» ақпан 2026 жыл", "№ 14-05/131 «27» ақпан 2026 жыл",
               "2026 жылғы 11 наурыздан 24 наурызға дейін"],
        "ru": ["«10» марта 2026 года", "№ 14-05/112 от 9 февраля 2026 года", "№ 14-05/131 от 27 февраля 2026 года",
               "с 11 по 24 марта 2026 года"],
        "en": ["10 March 2026", "No. 14-05/112 of 9 February 2026", "No. 14-05/131 of 27 February 2026",
               "from 11 to 24 March 2026"],
    },
    "audit-certificate": {
        "kk": ["2026 жылғы «24» наурыз", "2026 жылғы 9 ақпандағы № 14-05/112", "2026 жылғы 16 ақпаннан 24 наурызға дейін"],
        "ru": ["«24» марта 2026 года", "от 9 февраля 2026 года № 14-05/112", "с 16 февраля по 24 марта 2026 года"],
        "en": ["24 March 2026", "dated 9 February 2026 No. 14-05/112", "from 16 February to 24 March 2026"],
    },
    "violations-request": {
        "kk": ["2026 жылғы «27» наурыз", "2026 жылғы 9 ақпандағы № 14-05/112"],
        "ru": ["«27» марта 2026 года", "от 9 февраля 2026 года № 14-05/112"],
        "en": ["27 March 2026", "dated 9 February 2026 No. 14-05/112"],
    },
}


def expected_labels(form_id: str, lang: str) -> list[str]:
    return [f"{n}. {label}" for n, label in enumerate(wording(lang, form_id)["items"], 1)]


def expected_values(form_id: str, lang: str) -> list[str]:
    case = load_fixture(form_id)
    values = [case["number"], case["authority"][lang], case["entity"]["iin_bin"], case["entity"]["name"][lang],
              "Zhumabekova Aigerim Serikkyzy" if lang == "en" else "Жұмабекова Айгерім Серікқызы"]
    values += EXPECTED_DATES[form_id][lang]
    if "proposals" in case:
        values += [f"{n}) {p[lang]}" for n, p in enumerate(case["proposals"], 1)]
    return values


def read(fmt: str, content: bytes) -> str:
    return squash(docx_text(content) if fmt == "docx" else pdf_text(content))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", AUDIT_FORMS)
def test_filled_form_prints_title_items_dates_and_values(form_id, lang, fmt):
    text = read(fmt, formgen.render(form_id, load_fixture(form_id), lang=lang, fmt=fmt))
    assert squash(wording(lang, form_id)["title"]) in text
    if lang == "kk":
        assert KK_TITLES[form_id] in text
    if lang == "ru":
        assert RU_TITLES[form_id] in text
    for line in wording(lang, form_id)["annex"]:
        assert squash(line) in text
    for label in expected_labels(form_id, lang):
        assert squash(label) in text, label
    for value in expected_values(form_id, lang):
        assert squash(value) in text, value
    assert "____" not in text.replace(audit.SIGNATURE_LINE, "")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", AUDIT_FORMS)
def test_blank_form_prints_items_with_underscores(form_id, lang, fmt):
    text = read(fmt, formgen.render(form_id, lang=lang, fmt=fmt, blank=True))
    assert squash(wording(lang, form_id)["title"]) in text
    for label in expected_labels(form_id, lang):
        assert squash(label) in text, label
    assert audit.UNDERLINE in text
    assert {"kk": "уақыты «___» __________ 20__ жыл", "ru": "«___» __________ 20__ года",
            "en": "___ __________ 20__"}[lang] in text


# Blanks as the law prints them: the Kazakh date as seed 000 does ("___"____20__ жыл, lines 2013-2175), and
# the number before the date where an item asks for "the number and date" (Annex 3 item 5, Annex 4 items 5-6).
BLANK_ITEMS = {
    ("audit-start", "kk"): ["7. Тексеру жүргізудің мерзімі «___» __________ 20__ жыл «___» __________ 20__ жыл",
                            "9. Тексерілетін кезең «___» __________ 20__ жыл «___» __________ 20__ жыл"],
    ("audit-suspension", "kk"): ["5. Тексерудің басталуы туралы хабарламаның нөмірі мен күні № ____ «___» __________ 20__ жыл",
                                 "7. Тексеру жүргізу мерзімі тоқтатыла тұрады «___» __________ 20__ жылдан бастап"],
    ("audit-suspension", "ru"): ["5. Номер и дата уведомления о начале проверки № ____ от «___» __________ 20__ года"],
    ("audit-suspension", "en"): ["5. Number and date of the notification of the commencement of the audit "
                                 "No. ____ of ___ __________ 20__"],
    ("audit-resumption", "kk"): ["6. Тексеруді тоқтата тұру туралы хабарламаның нөмірі мен күні № ____ «___» __________ 20__ жыл"],
    ("audit-resumption", "ru"): ["6. Номер и дата уведомления о приостановлении проверки № ____ от «___» __________ 20__ года"],
    ("audit-resumption", "en"): ["6. Number and date of the notification on suspension of the audit No. ____ of ___ __________ 20__"],
}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("form_id, lang", list(BLANK_ITEMS))
def test_blank_dates_and_references_as_the_law_prints_them(form_id, lang, fmt):
    text = read(fmt, formgen.render(form_id, lang=lang, fmt=fmt, blank=True))
    for item in BLANK_ITEMS[form_id, lang]:
        assert item in text


@pytest.mark.parametrize("lang", LANGS)
def test_blank_certificate_heading_fits_one_line(lang):
    """№, the place to fill in and the date on one line of the page, in Kazakh as in Russian and English."""
    content = formgen.render("audit-certificate", lang=lang, fmt="pdf", blank=True)
    page = PdfReader(io.BytesIO(content)).pages[0].extract_text(extraction_mode="layout")
    heading = squash(next(line for line in page.splitlines() if line.lstrip().startswith("№")))
    date = {"kk": "уақыты «___» __________ 20__ жыл", "ru": "«___» __________ 20__ года", "en": "___ __________ 20__"}
    assert heading.startswith("№ ____ ") and "_" * 24 in heading and heading.endswith(date[lang]), heading


@pytest.mark.parametrize("lang", LANGS)
def test_certificate_lists_the_17_kinds_in_its_completion_notes(lang):
    blank = read("docx", formgen.render("audit-certificate", lang=lang, fmt="docx", blank=True))
    filled = read("docx", formgen.render("audit-certificate", load_fixture("audit-certificate"), lang=lang, fmt="docx"))
    notes_title = squash(wording(lang, "audit-certificate")["completion_notes"]["title"])
    kinds = wording(lang, "common")["fact_kinds"]
    assert len(kinds) == 17
    for n, kind in kinds.items():
        assert f"{n}) {squash(kind)};" in blank
    assert notes_title in blank
    assert notes_title not in filled
    with_notes = read("docx", formgen.render("audit-certificate", load_fixture("audit-certificate"),
                                             lang=lang, fmt="docx", with_notes=True))
    assert notes_title in with_notes


@pytest.mark.parametrize("lang", LANGS)
def test_certificate_findings_carry_their_kind(lang):
    text = read("docx", formgen.render("audit-certificate", load_fixture("audit-certificate"), lang=lang, fmt="docx"))
    kinds = wording(lang, "common")["fact_kinds"]
    for n, finding in enumerate(load_fixture("audit-certificate")["findings"], 1):
        kind = kinds[finding["kind"]]
        assert squash(f"{n}) {kind[0].upper()}{kind[1:]}: {finding['text'][lang]}") in text


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_embeds_only_tinos_which_has_the_kazakh_letters(lang):
    content = formgen.render("audit-start", load_fixture("audit-start"), lang=lang, fmt="pdf")
    # The bundled faces, under their own family name: never a Tinos of the system's in their place.
    assert pdf_fonts(content) and all(name.startswith("formgen-Tinos") for name in pdf_fonts(content))
    if lang == "kk":
        text = pdf_text(content)
        assert set("әғқңөұүі") <= set(text.lower())


def test_tinos_covers_every_kazakh_letter():
    from fontTools.ttLib import TTFont

    from formgen.resources import FONTS_DIR

    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        cmap = TTFont(FONTS_DIR / f"Tinos-{face}.ttf").getBestCmap()
        assert all(ord(c) in cmap for c in "ӘәҒғҚқҢңӨөҰұҮүҺһІі№«»")
        # a glyph of its own for the no-break space, so that a PDF's text keeps it apart from the space
        assert cmap[0xA0] == "uni00A0" and cmap[0x20] == "space"
