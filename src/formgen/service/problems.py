"""Errors as RFC 9457 problem details (application/problem+json), worded in the language asked.

Every bad request ends here as a 4xx: each kind of problem has a type, a
status and a title in kk, ru and en; invalid case data lists every problem
with its field path, code and message in that language.  A 500 is a defect.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import FormgenError, InvalidData, Problem, UnknownForm
from ..forms.messages import translated
from ..locale import LANGS, Lang
from .strings import PROBLEM_TITLES

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("formgen.service")

_BY_STATUS = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed", 406: "not-acceptable",
              413: "body-too-large", 415: "unsupported-media-type", 422: "invalid-data"}


class ProblemError(Exception):
    """A request the service refuses: the kind of problem (a key of PROBLEM_TITLES), status and detail."""

    def __init__(self, kind: str, status: int, detail: str, problems: Iterable[Problem] = (),
                 headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.kind, self.status, self.detail, self.problems = kind, status, detail, list(problems)
        self.headers = headers or {}


def messages_lang(request: Request) -> Lang:
    """The language of messages: Accept-Language (its first of kk, ru, en by weight), else ?lang=, else en."""
    ranked = []
    for position, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            continue
        code = tag.strip().lower()[:2]
        if code in LANGS and q > 0:
            ranked.append((-q, position, code))
    if ranked:
        return min(ranked)[2]
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else "en"  # type: ignore[return-value]


def problem_response(request: Request, kind: str, status: int, detail: str,
                     problems: Iterable[Problem] = (), headers: dict[str, str] | None = None) -> JSONResponse:
    lang = messages_lang(request)
    body: dict[str, Any] = {
        "type": f"urn:formgen:problem:{kind}",
        "title": PROBLEM_TITLES[kind][lang],
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    body["errors"] = [{"path": p.path, "message": p.message, "code": p.code}
                      for p in translated(problems, lang)]
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE,
                        headers={"Content-Language": lang, **(headers or {})})


def _request_problems(error: RequestValidationError) -> list[Problem]:
    """A bad query or path parameter named as "query.lang", with the forms' own messages."""
    problems = []
    for e in error.errors():
        location = ".".join(str(part) for part in e.get("loc", ()))
        problems.append(Problem(location, e.get("msg", ""), e.get("type"), e.get("ctx") or {}))
    return problems


def install(app: FastAPI) -> None:
    """Answer every error of app as a problem."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, error: ProblemError) -> JSONResponse:
        return problem_response(request, error.kind, error.status, error.detail, error.problems, error.headers)

    @app.exception_handler(InvalidData)
    async def _invalid(request: Request, error: InvalidData) -> JSONResponse:
        count = len(error.problems)
        return problem_response(request, "invalid-data", 422, f"{count} problem(s) in the case data", error.problems)

    @app.exception_handler(UnknownForm)
    async def _unknown(request: Request, error: UnknownForm) -> JSONResponse:
        return problem_response(request, "unknown-form", 404, str(error))

    @app.exception_handler(FormgenError)
    async def _refused(request: Request, error: FormgenError) -> JSONResponse:
        return problem_response(request, "bad-request", 400, str(error))

    @app.exception_handler(RequestValidationError)
    async def _parameters(request: Request, error: RequestValidationError) -> JSONResponse:
        return problem_response(request, "bad-parameter", 400, "a parameter of the request is not valid",
                                _request_problems(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        kind = _BY_STATUS.get(error.status_code, "bad-request" if error.status_code < 500 else "internal")
        return problem_response(request, kind, error.status_code, str(error.detail))

    @app.exception_handler(Exception)
    async def _defect(request: Request, error: Exception) -> JSONResponse:
        log.exception("defect while answering %s %s", request.method, request.url.path)
        return problem_response(request, "internal", 500, "an internal error; it has been logged")


__all__ = ["MEDIA_TYPE", "ProblemError", "install", "messages_lang", "problem_response"]
