"""The pages: signing in and out, the clerk's page (fill, check, preview, issue), the issued
documents, the quarterly reports (blanks for every body, returns added up), and the API's docs.  Server-rendered shells, the rest done by vendored scripts.

Templates render in their own autoescaping environment (they are the
service's, never case data); the pages' scripts and styles are files of the
package, nothing inline and nothing from outside.  A page asked for without a
session sends the browser to the sign-in page and back.
"""

from __future__ import annotations

import functools
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ..forms import FORMS
from ..forms.messages import message
from ..forms.schemas.common import IinBin
from ..forms.validation import problems_of
from ..locale import LANGS, Lang
from ..procedure.sequence import next_forms
from ..register.accounts import SESSION_SECONDS
from ..register.journal import column_titles, status_words
from .access import COOKIE, Principal, identify, register_of, require, secure_cookies, sign_in_location
from .problems import ProblemError, messages_lang
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


@functools.cache
def _table_labels() -> dict[str, dict[str, dict[str, dict[str, str]]]]:
    """What a report's row and column codes stand for, per form and language, from the form's own wording
    (the page heads its tables of numbers with them)."""
    from ..forms.report_layouts import REPORT_IDS
    from ..forms.wording import wording

    labels: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    for form_id in REPORT_IDS:
        for lang in LANGS:
            words = wording(lang, form_id)
            columns = {k: v for k, v in words.get("columns", {}).items() if isinstance(v, str)}
            if "month_generic" in words.get("columns", {}):  # 1-mk: months 1-3 and the total, each by person kind
                kinds = {"": "", "n": f", {columns['natural']}", "l": f", {columns['legal']}"}
                months = [*words["columns"]["month_generic"], columns["total"]]
                columns = {f"{i}{k}": f"{month}{kind}" for i, month in enumerate(months, 1) for k, kind in kinds.items()}
            rows = {k: v for k, v in words.get("rows", {}).items() if isinstance(v, str)}
            labels.setdefault(form_id, {})[lang] = {"rows": rows, "columns": columns}
    return labels


def page_lang(request: Request, ui: Lang | None) -> Lang:
    """The page's language: ?ui=, else the browser's (Accept-Language), else English."""
    return ui or messages_lang(request)


def _words(lang: Lang) -> dict[str, str]:
    return {k: v[lang] for k, v in PAGE.items()}


def _local(target: str | None) -> str:
    """Where to go after signing in: a path of this service only, never another site."""
    parts = urlsplit(target or "/")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return "/"
    return target  # type: ignore[return-value]


def _same_origin(request: Request) -> bool:
    """A sign-in form posted from this service's own page (a browser sends Origin with a POST)."""
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    def shell(request: Request, template: str, lang: Lang, who: Principal, **boot: object) -> HTMLResponse:
        boot = {"lang": lang, "words": {l: _words(l) for l in LANGS}, "languages": LANGUAGE_NAMES,
                "user": {"login": who.name, "name": who.display, "role": who.role}, "csrf": who.csrf, **boot}
        html = environment().get_template(template).render(lang=lang, words=_words(lang), languages=LANGUAGE_NAMES,
                                                           boot=boot, user=boot["user"])
        return HTMLResponse(html, headers={"Content-Language": lang, "Cache-Control": "no-store"})

    async def signed_in(request: Request) -> Principal | RedirectResponse:
        who = identify(request)
        return who if who is not None else RedirectResponse(sign_in_location(request), status_code=303)

    @pages.get("/", response_class=HTMLResponse)
    async def clerk_page(request: Request, ui: Annotated[Lang | None, Query()] = None) -> Response:
        who = await signed_in(request)
        if isinstance(who, Response):
            return who
        return shell(request, "clerk.html", page_lang(request, ui), who,
                     forms=[{"id": f, "next": list(next_forms(f)), "formats": list(spec.formats)}
                            for f, spec in FORMS.items()], iin_bin=_iin_bin_messages(), tables=_table_labels())

    @pages.get("/issued", response_class=HTMLResponse)
    async def issued_page(request: Request, ui: Annotated[Lang | None, Query()] = None) -> Response:
        who = await signed_in(request)
        if isinstance(who, Response):
            return who
        return shell(request, "issued.html", page_lang(request, ui), who, forms=list(FORMS),
                     columns={l: column_titles(l) for l in LANGS}, statuses={l: status_words(l) for l in LANGS})

    @pages.get("/quarterly", response_class=HTMLResponse)
    async def quarterly_page(request: Request, ui: Annotated[Lang | None, Query()] = None) -> Response:
        who = await signed_in(request)
        if isinstance(who, Response):
            return who
        from ..forms.report_layouts import REPORT_IDS
        from .jobs import KEEP_DAYS

        return shell(request, "quarterly.html", page_lang(request, ui), who, forms=list(REPORT_IDS), langs=list(LANGS),
                     keep_days=KEEP_DAYS,
                     formats=[f for f in ("xlsx", "docx", "pdf") if all(f in FORMS[r].formats for r in REPORT_IDS)])

    @pages.get("/docs", response_class=HTMLResponse)
    async def docs_page(request: Request) -> Response:
        who = await signed_in(request)
        if isinstance(who, Response):
            return who
        return HTMLResponse(environment().get_template("docs.html").render(csrf=who.csrf),
                            headers={"Cache-Control": "no-store"})

    @pages.get("/signin", response_class=HTMLResponse)
    def sign_in_page(request: Request, ui: Annotated[Lang | None, Query()] = None,
                     next: Annotated[str, Query(max_length=2000)] = "/") -> HTMLResponse:
        return _sign_in_form(page_lang(request, ui), _local(next), wrong=False)

    @pages.post("/signin")
    async def sign_in(request: Request, login: Annotated[str, Form(max_length=100)],
                      password: Annotated[str, Form(max_length=1000)],
                      next: Annotated[str, Form(max_length=2000)] = "/",
                      ui: Annotated[Lang | None, Query()] = None) -> Response:
        lang = page_lang(request, ui)
        if not _same_origin(request):
            raise ProblemError("csrf", 403, "the sign-in form was sent from another site")
        session = await run_in_threadpool(register_of(request).accounts.sign_in, login.strip(), password)
        if session is None:
            return _sign_in_form(lang, _local(next), wrong=True, login=login)
        response = RedirectResponse(_local(next), status_code=303)
        response.set_cookie(COOKIE, session.secret, max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                            secure=secure_cookies(request), path="/")
        return response

    @pages.post("/signout")
    async def sign_out(request: Request) -> Response:
        """Ends the session; with a session it must carry the page's CSRF token, like any change."""
        who = await require("reader")(request)
        secret = request.cookies.get(COOKIE)
        if who.kind == "user" and secret:
            await run_in_threadpool(register_of(request).accounts.sign_out, secret)
        response = Response(status_code=204)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(request))
        return response

    return pages


def _sign_in_form(lang: Lang, next: str, *, wrong: bool, login: str = "") -> HTMLResponse:
    html = environment().get_template("signin.html").render(lang=lang, words=_words(lang), languages=LANGUAGE_NAMES,
                                                            next=next, wrong=wrong, login=login)
    return HTMLResponse(html, status_code=401 if wrong else 200,
                        headers={"Content-Language": lang, "Cache-Control": "no-store"})
