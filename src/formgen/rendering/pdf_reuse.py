"""PDFs of many blank reports that differ only in their footer.

A quarter's blank form is the same for every reporting body up to the footer
(annex, header, tables) and after it (the clarification); only the footer
carries the body's name and contacts.  WeasyPrint lays out and draws ~0.1 s a
table page, so the pages before the footer's page and the clarification's
pages are made once per form, language and quarter, and for each body only
the footer's page is made: from the same template, with the rows that stand
on earlier pages left out of its context and the blocks before them hidden.
The parts are joined into one PDF.  A test checks page by page that the text
equals a full render's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfWriter
from weasyprint import CSS, HTML
from weasyprint.document import Document

from .pdf import BASE_URL, FontsOnlyFetcher, font_config, page_style, without_style

_MAX_REFERENCES = 64


@dataclass(frozen=True)
class _Reference:
    before: bytes | None   # the PDF of the pages before the footer's page
    after: bytes | None    # the PDF of the clarification's pages
    first_table: int       # the first table not wholly on earlier pages (the tables before it print no rows)
    row: int               # its first row on the footer's page (0 unless the page continues it)
    hide: CSS              # hides the blocks before that table (or before the footer)


_REFERENCES: dict[tuple, _Reference] = {}


def _html(template_name: str, context: dict[str, Any]) -> HTML:
    return HTML(string=without_style(template_name).render(context), base_url=BASE_URL, url_fetcher=FontsOnlyFetcher())


def _first_page_with(document: Document, element) -> int:
    for number, page in enumerate(document.pages):
        if any(box.element is element for box in page._page_box.descendants()):
            return number
    return len(document.pages)


def _classed(body, name: str):
    return next((e for e in body if name in (e.get("class") or "").split()), None)


def _pdf(document: Document, pages) -> bytes | None:
    return document.copy(pages).write_pdf() if pages else None


def _reference(template_name: str, context: dict[str, Any]) -> _Reference:
    """The form laid out in full once for everything but the reporting body; what a body's PDF reuses of it."""
    key = (template_name, _freeze({k: v for k, v in context.items() if k != "reporter"}))
    if key in _REFERENCES:
        return _REFERENCES[key]
    html = _html(template_name, context)
    document = html.render(stylesheets=[page_style()], font_config=font_config())
    body = html.etree_element.find("body")
    children = list(body)
    footer_page = _first_page_with(document, _classed(body, "footer"))
    notes = _classed(body, "notes")
    notes_page = _first_page_with(document, notes) if notes is not None else len(document.pages)
    # the first top-level block on the footer's page (a table's continuation, a heading, or the footer)
    on_page = [box.element for box in document.pages[footer_page]._page_box.descendants() if box.element is not None]
    first = next(e for e in children if e in on_page or any(d in on_page for d in e.iter()))
    hidden = children.index(first)
    first_table = sum(e.tag == "table" for e in children[:hidden])
    row = 0
    if first.tag == "table":
        rows = list(first.find("tbody"))
        row = next((i for i, tr in enumerate(rows) if tr in on_page), len(rows))
    hide = CSS(string=f"body > :nth-child(-n+{hidden}) {{ display: none; }}" if hidden else "")
    reference = _Reference(_pdf(document, document.pages[:footer_page]), _pdf(document, document.pages[notes_page:]),
                           first_table, row, hide)
    if len(_REFERENCES) >= _MAX_REFERENCES:
        _REFERENCES.pop(next(iter(_REFERENCES)))
    _REFERENCES[key] = reference
    return reference


def render_pdf_sharing_pages(template_name: str, context: dict[str, Any]) -> bytes:
    """The PDF of a blank report for one reporting body, its shared pages made once per form."""
    reference = _reference(template_name, context)
    tables = [[] if i < reference.first_table else rows for i, rows in enumerate(context["tables"])]
    if reference.first_table < len(tables):
        tables[reference.first_table] = tables[reference.first_table][reference.row:]
    tail_context = dict(context, tables=tables, with_clarification=False)
    tail = _html(template_name, tail_context).write_pdf(stylesheets=[page_style(), reference.hide],
                                                        font_config=font_config())
    writer = PdfWriter()
    for part in (reference.before, tail, reference.after):
        if part:
            writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value
