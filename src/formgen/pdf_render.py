"""HTML and PDF output: an HTML template rendered by Jinja, laid out by WeasyPrint.

WeasyPrint would fetch any URL a document names, file:// included; the
fetcher here serves the package's own fonts and nothing else.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .resources import FONTS_DIR
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
def _font_config() -> FontConfiguration:
    return FontConfiguration()


def render_html(template_name: str, context: dict[str, Any]) -> str:
    return html_env().get_template(template_name).render(context)


def html_to_pdf(document: str) -> bytes:
    html = HTML(string=document, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=FontsOnlyFetcher())
    return html.write_pdf(font_config=_font_config())
