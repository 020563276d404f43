"""The library entry points: formgen.render and formgen.validate."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, Literal

from .docx_render import render_docx
from .deadlines import check_audit_document
from .errors import FormgenError, InvalidData, LateDocument, Problem
from .forms import get_form
from .locale import LANGS, Lang
from .pdf_render import render_html, render_pdf
from .pdf_reuse import render_pdf_sharing_pages
from .resources import TEMPLATES_DIR
from .schemas.audit import AUDIT_SCHEMAS
from .schemas.common import Model
from .xlsx_report import render_xlsx
from .validation import missing_translations, validate_model

Format = Literal["docx", "pdf", "html", "xlsx"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html", "xlsx")


def validate(form_id: str, data: Mapping[str, Any] | Model) -> Model:
    """The case data checked against the form's schema; InvalidData lists every problem."""
    return validate_model(get_form(form_id).schema, data)


def validate_for(form_id: str, data: Mapping[str, Any] | Model, lang: Lang) -> Model:
    """validate, and check that every text exists in the language asked."""
    model = validate(form_id, data)
    problems = missing_translations(model, lang)
    if problems:
        raise InvalidData(problems)
    return model


def render(form_id: str, data: Mapping[str, Any] | Model | None = None, *, lang: Lang = "kk",
           fmt: Format = "pdf", blank: bool = False, strict: bool = False, share_pages: bool = False,
           **options: Any) -> bytes:
    """The document form_id in lang and fmt, filled from data, or the law's blank form.

    share_pages: for many blank reports of one quarter that differ only in the
    reporting body (bulk runs), lay out the pages they share once (pdf_reuse).

    An audit document dated later than a time limit of the Rules allows gives a
    LateDocument warning naming the rule and its paragraph; with strict=True it
    is an InvalidData error instead.  Raises UnknownForm, InvalidData (every
    problem, each with its field path) or FormgenError for a bad language,
    format or combination.
    """
    spec = get_form(form_id)
    if lang not in LANGS:
        raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise FormgenError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if blank == (data is not None):
        raise FormgenError("give case data, or ask for the blank form, not both" if blank
                           else "no case data given; pass data, or blank=True for the blank form")
    unknown = set(options) - set(spec.options) - set(spec.blank_options)
    if unknown:
        known = spec.options + spec.blank_options
        raise FormgenError(f"{form_id} takes no option {', '.join(sorted(unknown))}; "
                           + (f"its options: {', '.join(known)}" if known else "it takes no options"))
    model = None if blank else validate_for(form_id, data, lang)
    if model is not None and form_id in AUDIT_SCHEMAS:
        late = check_audit_document(form_id, model)
        if late and strict:
            raise InvalidData([Problem(w.path, w.message) for w in late])
        for w in late:
            warnings.warn(str(w), LateDocument, stacklevel=2)
    if fmt not in spec.formats:
        raise FormgenError(f"{form_id} renders as {', '.join(spec.formats)}, not {fmt}")
    context = spec.context(model, lang, **options)
    if fmt == "xlsx":
        return render_xlsx(form_id, model, lang, context)
    if fmt == "docx":
        return render_docx(TEMPLATES_DIR / lang / f"{form_id}.docx", context)
    template = f"{lang}/{form_id}.html"
    if fmt == "html":
        return render_html(template, context).encode()
    if share_pages and blank and "year" in spec.blank_options:
        return render_pdf_sharing_pages(template, context)
    return render_pdf(template, context)


__all__ = ["render", "validate", "FORMATS", "Format"]
