"""One document from a form's validated data (or none, for the blank form) to bytes.

The back ends (docxtpl, WeasyPrint, openpyxl) are imported on first use, so a
program that only lists forms or validates case data never loads them.
"""

from __future__ import annotations

from typing import Any, Literal

from ..forms.registry import FormSpec
from ..forms.schemas.common import Model
from ..locale import Lang
from ..resources import TEMPLATES_DIR

Format = Literal["docx", "pdf", "html", "xlsx"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html", "xlsx")


def render_document(spec: FormSpec, model: Model | None, lang: Lang, fmt: Format, *,
                    share_pages: bool = False, body: str | None = None, **options: Any) -> bytes:
    """The form in lang and fmt, filled from model or blank (None), with the form's options.

    share_pages: for many blank reports of one quarter that differ only in the
    reporting body (bulk runs), lay out the pages they share once (pdf_reuse).
    body: the reporting body's id, recorded in an XLSX return so that
    consolidation knows who sent it.
    """
    context = spec.context(model, lang, **options)
    if fmt == "xlsx":
        from .xlsx import render_xlsx
        return render_xlsx(spec.id, model, lang, context, body=body)
    if fmt == "docx":
        from .docx import render_docx
        return render_docx(TEMPLATES_DIR / lang / f"{spec.id}.docx", context)
    template = f"{lang}/{spec.id}.html"
    if fmt == "html":
        from .pdf import render_html
        return render_html(template, context).encode()
    if share_pages and model is None and "year" in spec.blank_options:
        from .pdf_reuse import render_pdf_sharing_pages
        return render_pdf_sharing_pages(template, context)
    from .pdf import render_pdf
    return render_pdf(template, context)


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
