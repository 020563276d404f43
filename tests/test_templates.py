"""Templates are generated from the wording and use exactly the fields of their schema."""

from __future__ import annotations

import pytest
from docxtpl import DocxTemplate
from jinja2 import meta

from formgen import FORMS, authoring
from formgen.resources import TEMPLATES_DIR
from formgen.rendering.sandbox import docx_env, html_env

LANGS = ("kk", "ru", "en")
CASES = [(form_id, lang) for form_id in FORMS for lang in LANGS]


def html_variables(form_id: str, lang: str) -> set[str]:
    source = (TEMPLATES_DIR / lang / f"{form_id}.html").read_text(encoding="utf-8")
    return meta.find_undeclared_variables(html_env().parse(source))


def docx_variables(form_id: str, lang: str) -> set[str]:
    return DocxTemplate(TEMPLATES_DIR / lang / f"{form_id}.docx").get_undeclared_template_variables(jinja_env=docx_env())


@pytest.mark.parametrize("read_variables", [html_variables, docx_variables], ids=["html", "docx"])
@pytest.mark.parametrize("form_id,lang", CASES)
def test_template_uses_exactly_the_schema_fields(form_id, lang, read_variables):
    """Every variable a template prints is made from schema fields, and every schema field is printed."""
    spec = FORMS[form_id]
    used = read_variables(form_id, lang) - set(spec.options)
    assert used == set(spec.template_fields)
    assert {field for fields in spec.template_fields.values() for field in fields} == set(spec.schema.model_fields)


def test_committed_templates_match_the_wording():
    """A wording change without `python -m formgen.authoring` would print stale text."""
    generated = authoring.generated_templates()
    assert generated, "no templates generated"
    for path, content in generated.items():
        assert path.read_bytes() == content, f"{path} is stale: run python -m formgen.authoring"


def test_wording_holds_no_template_syntax():
    for path in TEMPLATES_DIR.glob("*/*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, path
