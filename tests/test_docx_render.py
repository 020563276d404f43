"""The prepared-once DOCX renderer prints what docxtpl's own render prints."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docxtpl import DocxTemplate

import formgen
from formgen.api import validate
from formgen.forms import FORMS
from formgen.resources import TEMPLATES_DIR
from formgen.rendering.sandbox import docx_env

from conftest import docx_text, load_fixture


def docxtpl_render(form_id: str, context: dict) -> bytes:
    tpl = DocxTemplate(TEMPLATES_DIR / "ru" / f"{form_id}.docx")
    tpl.render(context, jinja_env=docx_env())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


@pytest.mark.parametrize("form_id", list(FORMS))
def test_same_text_as_docxtpl(form_id):
    spec = FORMS[form_id]
    context = spec.context(validate(form_id, load_fixture(form_id), "ru"), "ru")
    fast = formgen.render(form_id, load_fixture(form_id), lang="ru", fmt="docx")
    assert docx_text(fast) == docx_text(docxtpl_render(form_id, context))
    with zipfile.ZipFile(io.BytesIO(fast)) as document:
        assert document.testzip() is None
        assert len(document.namelist()) == len(set(document.namelist()))


def test_a_tab_in_a_value_becomes_a_word_tab():
    case = load_fixture("audit-start")
    case["grounds"] = "first\tsecond"
    content = formgen.render("audit-start", case, lang="en", fmt="docx")
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert re.search(r"first</w:t></w:r><w:r>(<w:rPr>.*?</w:rPr>)?<w:tab/></w:r>.{0,200}?second", xml)
