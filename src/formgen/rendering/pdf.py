"""HTML and PDF output: an HTML template rendered by Jinja, laid out by WeasyPrint.

WeasyPrint would fetch any URL a document names, file:// included; the
fetcher here serves the package's own fonts and nothing else.  The page style
is parsed once and the fonts loaded once for every PDF of the process: the HTML
preview carries the style inline, the PDF's HTML leaves it out.

A PDF's metadata carry its title, language and the document's own date, and no
clock.  An issued document (with a Registration) is the register's archive copy:
PDF/A-3b, tagged, its case data and entry attached as JSON, its number, form and
language also in the XMP metadata, and the verification mark in the bottom margin.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from urllib.parse import unquote, urlparse
from xml.etree.ElementTree import SubElement, fromstring, tostring

from markupsafe import Markup, escape
from weasyprint import CSS, HTML, Attachment
from weasyprint.pdf.metadata import NS, DocumentMetadata
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..resources import FONTS_DIR, TEMPLATES_DIR
from .document import RECORD_NAME, DocumentInfo, Registration
from .sandbox import html_env

ARCHIVE_VARIANT = "pdf/a-3b"


class FontsOnlyFetcher(URLFetcher):
    """Answers file URLs inside the package's fonts folder; refuses every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parsed = urlparse(url)
        path = FONTS_DIR.joinpath(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if path is None or path.parent != FONTS_DIR or not path.is_file():
            raise ValueError(f"formgen renders without outside resources; refused {url}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


BASE_URL = FONTS_DIR.as_uri() + "/"


@functools.cache
def page_style() -> CSS:
    return CSS(string=(TEMPLATES_DIR / "_document.css").read_text(encoding="utf-8"), base_url=BASE_URL,
               url_fetcher=FontsOnlyFetcher(), font_config=font_config())


@functools.cache
def without_style(template_name: str):
    """template_name with the inline page style left out: the PDF takes the style parsed once."""
    return html_env().from_string(f'{{% extends "{template_name}" %}}{{% block style %}}{{% endblock %}}')


def render_html(template_name: str, context: dict[str, Any]) -> str:
    """The HTML preview, its page style inline."""
    return html_env().get_template(template_name).render(context)


def render_pdf(template_name: str, context: dict[str, Any], info: DocumentInfo) -> bytes:
    registration = info.registration
    if registration is not None and registration.mark is not None:
        context = context | {"register_mark": _mark_html(registration)}
    html = HTML(string=without_style(template_name).render(context), base_url=BASE_URL,
                url_fetcher=FontsOnlyFetcher())
    document = html.render(stylesheets=[page_style()], font_config=font_config())
    document.metadata.title, document.metadata.lang = info.title, info.lang
    if info.date is not None:
        document.metadata.created = document.metadata.modified = info.date.isoformat()
    if registration is None:
        return document.write_pdf()
    document.metadata = _IssuedMetadata(document.metadata, info)
    moment = dt.datetime.combine(registration.date, dt.time())
    record = Attachment(string=registration.record.decode("utf-8"), name=RECORD_NAME, relationship="Data",
                        description="formgen register entry and case data", created=moment, modified=moment)
    return document.write_pdf(pdf_variant=ARCHIVE_VARIANT, attachments=[record], pdf_tags=True)


def _mark_html(registration: Registration) -> Markup:
    """The verification mark as running elements that the page style places in the bottom margin."""
    mark = registration.mark
    return Markup(f'<div class="register-mark"><span class="register-caption">{escape(mark.caption)}</span>'
                  f'{Markup(mark.svg)}</div>')


class _IssuedMetadata(DocumentMetadata):
    """The document's metadata, whose XMP also names the number, the form and the language (Dublin Core,
    which PDF/A knows without an extension schema)."""

    def __init__(self, base: DocumentMetadata, info: DocumentInfo):
        super().__init__()
        vars(self).update(vars(base))
        self._info = info

    def generate_rdf_metadata(self, variant, version, conformance) -> bytes:
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        description = SubElement(rdf, f'{{{NS["rdf"]}}}Description', {f'{{{NS["rdf"]}}}about': ""})
        for name, value in (("identifier", self._info.registration.number), ("type", self._info.form_id)):
            SubElement(description, f'{{{NS["dc"]}}}{name}').text = value
        for name, value in (("language", self._info.lang), ("date", self._info.date.isoformat())):
            bag = SubElement(SubElement(description, f'{{{NS["dc"]}}}{name}'),
                             f'{{{NS["rdf"]}}}{"Bag" if name == "language" else "Seq"}')
            SubElement(bag, f'{{{NS["rdf"]}}}li').text = value
        return tostring(rdf, encoding="utf-8")
