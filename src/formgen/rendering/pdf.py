"""HTML and PDF output: an HTML template rendered by Jinja, laid out by WeasyPrint.

WeasyPrint would fetch any URL a document names, file:// included; the
fetcher here serves the package's own fonts and nothing else.  The page style
is parsed once and the fonts loaded once for every PDF of the process: the HTML
preview carries the style inline, the PDF's HTML leaves it out.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..resources import FONTS_DIR, TEMPLATES_DIR
from .sandbox import html_env


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


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    document = without_style(template_name).render(context)
    html = HTML(string=document, base_url=BASE_URL, url_fetcher=FontsOnlyFetcher())
    return html.write_pdf(stylesheets=[page_style()], font_config=font_config())
