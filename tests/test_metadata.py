"""Rendering is deterministic and files describe themselves: no clock in a DOCX's zip entries or a
PDF's metadata, and both name the document's title, language and date."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

import formgen
from formgen import FORMS, LANGS

from conftest import load_fixture

TEMPLATE_TIME = (2024, 6, 25, 0, 0, 0)
"""When the generated templates say their parts were written (authoring's deterministic save)."""


def own_date(form_id: str) -> dt.date | None:
    value = load_fixture(form_id).get("date")
    return dt.date.fromisoformat(value) if value else None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", list(FORMS))
def test_docx_carries_its_date_title_and_language_and_no_clock(form_id, lang):
    content = formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="docx")
    date = own_date(form_id)
    written = (date.year, date.month, date.day, 0, 0, 0) if date else (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert {info.date_time for info in package.infolist()} <= {TEMPLATE_TIME, written}
    properties = Document(io.BytesIO(content)).core_properties
    assert properties.title == formgen.get_form(form_id).title_in(lang)
    assert properties.language == lang
    # the text's own language, which Word and Writer check spelling and hyphenate in, and hyphenation on
    document = Document(io.BytesIO(content))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}[lang]
    assert document.settings.element.find(qn("w:autoHyphenation")) is not None
    assert properties.created == (dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc) if date else None)
    assert formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="docx") == content


@pytest.mark.parametrize("form_id", list(FORMS))
def test_pdf_carries_its_date_title_and_language_and_no_clock(form_id):
    lang = LANGS[list(FORMS).index(form_id) % 3]
    content = formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="pdf")
    reader = PdfReader(io.BytesIO(content))
    date = own_date(form_id)
    info = dict(reader.metadata)
    assert info["/Title"] == formgen.get_form(form_id).title_in(lang)
    assert reader.trailer["/Root"]["/Lang"] == lang
    stamps = {info.get("/CreationDate"), info.get("/ModDate")}
    assert stamps == ({f"D:{date:%Y%m%d}"} if date else {None})
    blank = formgen.render(form_id, lang=lang, fmt="pdf", blank=True)
    assert "/CreationDate" not in dict(PdfReader(io.BytesIO(blank)).metadata)  # a blank has no date, and no clock
