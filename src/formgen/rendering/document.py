"""One document from a form's validated data (or none, for the blank form) to bytes.

The back ends (docxtpl, WeasyPrint, openpyxl) are imported on first use, so a
program that only lists forms or validates case data never loads them.

Rendering is deterministic: the same data give the same bytes.  No clock
reaches a file; its metadata carry the form's title, the language and the
document's own date, so that a register can reprint what it issued byte for
byte.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ..forms.registry import FormSpec
from ..forms.schemas.common import Model
from ..locale import Lang
from ..resources import TEMPLATES_DIR

Format = Literal["docx", "pdf", "html", "xlsx"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html", "xlsx")

# Where an issued file keeps what identifies it, for reading back (formgen.register.archive).
RECORD_NAME = "formgen-register-entry.json"
"""The PDF's attachment: its register entry and case data."""
DOCX_CUSTOM_PART = "docProps/custom.xml"
ENTRY_PROPERTY = "formgen-register-entry"
"""The DOCX custom property that holds the register entry's SHA-256."""


@dataclass(frozen=True)
class VerificationMark:
    """A QR code and a line of text for the bottom margin, outside the form's own text."""

    svg: str
    """The code as inline SVG markup (PDF)."""
    png: bytes
    """The code as a PNG image (DOCX)."""
    caption: str


@dataclass(frozen=True)
class Registration:
    """What the register of issued documents adds to a document it issues (formgen.register)."""

    number: str
    """The outgoing number: the DOCX's and the PDF's identifier."""
    digest: str
    """The SHA-256 of the register entry, which a file names so that an altered copy can be traced."""
    date: dt.date
    """The date the document is issued under: its own date, or the day of issue for a form without one."""
    record: bytes
    """The case data and the entry as JSON, attached to the PDF, which is then the PDF/A-3b archive copy."""
    mark: VerificationMark | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """What a file says about itself: title, language, date, and an issued document's registration."""

    form_id: str
    title: str
    lang: Lang
    date: dt.date | None
    registration: Registration | None = None


def document_info(spec: FormSpec, model: Model | None, lang: Lang,
                  registration: Registration | None = None) -> DocumentInfo:
    own_date = getattr(model, "date", None)
    date = registration.date if registration else own_date if isinstance(own_date, dt.date) else None
    return DocumentInfo(spec.id, spec.title_in(lang), lang, date, registration)


def render_document(spec: FormSpec, model: Model | None, lang: Lang, fmt: Format, *,
                    share_pages: bool = False, registration: Registration | None = None, body: str | None = None,
                    **options: Any) -> bytes:
    """The form in lang and fmt, filled from model or blank (None), with the form's options.

    share_pages: for many blank reports of one quarter that differ only in the
    reporting body (bulk runs), lay out the pages they share once (pdf_reuse).
    registration: an issued document's number, record and verification mark (DOCX and PDF).
    body: the reporting body's id, recorded in an XLSX return so that
    consolidation knows who sent it.
    """
    context = spec.context(model, lang, **options)
    info = document_info(spec, model, lang, registration)
    if fmt == "xlsx":
        from .xlsx import render_xlsx
        return render_xlsx(spec.id, model, lang, context, body=body)
    if fmt == "docx":
        from .docx import render_docx
        return render_docx(TEMPLATES_DIR / lang / f"{spec.id}.docx", context, info)
    template = f"{lang}/{spec.id}.html"
    if fmt == "html":
        from .pdf import render_html
        return render_html(template, context).encode()
    if share_pages and model is None and "year" in spec.blank_options:
        from .pdf_reuse import render_pdf_sharing_pages
        return render_pdf_sharing_pages(template, context)
    from .pdf import render_pdf
    return render_pdf(template, context, info)


def prepare(spec: FormSpec, lang: Lang, fmt: Format) -> None:
    """Load and compile what rendering spec in lang as fmt needs, without rendering: processes
    forked afterwards (bulk's workers) start with it instead of each doing it again.  WeasyPrint's
    fonts are left to each process, which keeps their temporary folder its own."""
    if fmt == "xlsx":
        from . import xlsx  # noqa: F401  openpyxl, the heaviest import of the three
    elif fmt == "docx":
        from .docx import compiled
        compiled(TEMPLATES_DIR / lang / f"{spec.id}.docx")
    else:
        from .pdf import without_style
        without_style(f"{lang}/{spec.id}.html")
