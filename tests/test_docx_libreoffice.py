"""Every form's DOCX as a clerk's office suite opens it: LibreOffice Writer loads each filled and
blank document in each language and prints it to PDF, and every word formgen wrote is on the
printed pages, none of them empty, words in table cells broken only with a hyphen and headings
not hyphenated (python-docx reading the file is not enough: Writer is what people use)."""

from __future__ import annotations

import io
import re
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

import formgen
from formgen.forms import FORMS
from formgen.locale import LANGS

from conftest import libreoffice_convert, load_fixture

DOCX_FORMS = [spec.id for spec in FORMS.values() if "docx" in spec.formats]


def _words(content: bytes) -> list[str]:
    """Every word of the document's paragraphs and table cells, soft hyphens dropped."""
    doc = Document(io.BytesIO(content))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return [word for text in texts for word in text.replace("\u00ad", "").split()]


def _printed(word: str, printed: set[str]) -> bool:
    """Whether Writer printed word: whole, or broken at a line's end with a hyphen it added, or after
    a hyphen or slash of the word's own ("14-05/112"), never cut without one.  Words are compared, not lines: Writer's PDF
    gives a table's cells line by line across the row."""
    if word in printed or word.strip(",.;:") == "":   # Writer may carry a comma to the next line alone
        return True
    return any((word[:i] + "-" in printed or word[i - 1] in "-/" and word[:i] in printed or word[:i] in printed
                and word[i:].strip(",.;:") == "") and _printed(word[i:], printed) for i in range(1, len(word)))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(form, lang, variant) → (the DOCX formgen wrote, the PDF Writer printed from it): one soffice call."""
    documents = {}
    for form_id in DOCX_FORMS:
        for lang in LANGS:
            documents[(form_id, lang, "filled")] = formgen.render(form_id, load_fixture(form_id), lang=lang, fmt="docx")
            documents[(form_id, lang, "blank")] = formgen.render(form_id, None, lang=lang, fmt="docx", blank=True)
    names = {key: "-".join(key) + ".docx" for key in documents}
    pdfs = libreoffice_convert({names[key]: content for key, content in documents.items()},
                               tmp_path_factory.mktemp("writer"), to="pdf")
    return {key: (documents[key], pdfs[names[key]]) for key in documents}


@pytest.mark.parametrize("variant", ["filled", "blank"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", DOCX_FORMS)
def test_writer_prints_every_paragraph_and_cell(printed, form_id, lang, variant):
    docx, pdf = printed[(form_id, lang, variant)]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages and all(p.strip() for p in pages), f"{len(pages)} pages, an empty one among them"
    # a justified line's closing hyphen can come out of the PDF a space apart: "perform -"
    printed = set(re.sub(r" +-(?=\n)", "-", "\n".join(pages)).split())
    missing = [word for word in _words(docx) if not _printed(word, printed)]
    assert not missing, missing[:10]
    # headings (the centred paragraphs) are not hyphenated, as in the PDF: each word whole on its line
    headings = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.CENTER]
    broken = [word for text in headings for word in text.split() if word not in printed and "-" not in word]
    assert not broken, broken

