"""Every form in every language through `formgen render`, as a clerk runs it:
filled from its fixture to DOCX, blank to PDF, each file opened and its title read."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document

from formgen import FORMS, LANGS
from formgen.cli import main
from formgen.resources import FIXTURES_DIR
from formgen.forms.wording import wording

from conftest import docx_text, pdf_text, squash


def title(form_id: str, lang: str) -> str:
    """The heading a form prints: an audit document's or the checklist's title, a report's table title."""
    words = wording(lang, form_id)
    return squash(words.get("title") or words["table_title"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", list(FORMS))
def test_render_filled_docx_and_blank_pdf(form_id, lang, tmp_path):
    filled, blank = tmp_path / "filled.docx", tmp_path / "blank.pdf"
    result = CliRunner().invoke(main, ["render", form_id, "--lang", lang, "--data", str(FIXTURES_DIR / f"{form_id}.json"),
                                       "--format", "docx", "--output", str(filled)])
    assert result.exit_code == 0, result.output
    Document(filled)  # opens as Word
    assert title(form_id, lang) in squash(docx_text(filled.read_bytes()))
    result = CliRunner().invoke(main, ["render", form_id, "--lang", lang, "--blank", "--format", "pdf", "-o", str(blank)])
    assert result.exit_code == 0, result.output
    # A line that ends at the hyphen of a compound ("Joint-" / "Stock") joins the next one without a space.
    assert title(form_id, lang) in squash(pdf_text(blank.read_bytes()).replace("-\n", "-"))
