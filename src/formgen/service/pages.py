"""The clerk's page and the API's docs page: server-rendered shells, the rest done by vendored scripts.

Templates render in their own autoescaping environment (they are the
service's, never case data); the page's scripts and styles are files of the
package, nothing inline and nothing from outside.
"""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from pydantic import TypeAdapter, ValidationError

from ..forms import FORMS
from ..forms.messages import message
from ..forms.schemas.common import IinBin
from ..forms.validation import problems_of
from ..locale import LANGS, Lang
from ..procedure.sequence import next_forms
from .problems import messages_lang
from .strings import LANGUAGE_NAMES, PAGE


@functools.cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("formgen.service", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined)


@functools.cache
def _iin_bin_messages() -> dict[str, dict[str, str]]:
    """What the server says of a wrong IIN/BIN, per language: the page says the same as it is typed."""
    said: dict[str, dict[str, str]] = {}
    for sample in ("1", "050140003421"):
        try:
            TypeAdapter(IinBin).validate_python(sample)
        except ValidationError as error:
            problem = problems_of(error)[0]
            said[problem.code or ""] = {lang: message(problem, lang) for lang in LANGS}
    return said


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/", response_class=HTMLResponse)
    def clerk_page(request: Request, ui: Annotated[Lang | None, Query()] = None) -> HTMLResponse:
        lang = ui or messages_lang(request)
        boot = {"lang": lang, "words": {l: {k: v[l] for k, v in PAGE.items()} for l in LANGS},
                "languages": LANGUAGE_NAMES, "forms": [{"id": f, "next": list(next_forms(f))} for f in FORMS],
                "iin_bin": _iin_bin_messages()}
        html = environment().get_template("clerk.html").render(
            lang=lang, words={k: v[lang] for k, v in PAGE.items()}, languages=LANGUAGE_NAMES, boot=boot)
        return HTMLResponse(html, headers={"Content-Language": lang})

    @pages.get("/docs", response_class=HTMLResponse)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(environment().get_template("docs.html").render())

    return pages
