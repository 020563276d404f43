"""The public answer to "is this document genuine?": the page a document's QR code opens
(/verify/<digest>?n=<number>), a file checked by upload, and the same answers as JSON.

No sign-in is needed, so nothing here shows personal data: the number, the
kind of document, its date, when it was issued or voided, and the verdict;
never the case data, the addressee or who issued it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..forms import FORMS
from ..locale import Lang, format_date
from ..register import Verification
from .access import register_of
from .documents import PROBLEM
from .pages import environment, page_lang
from .strings import LANGUAGE_NAMES, PAGE

Digest = Annotated[str, Path(max_length=128, description="the entry's SHA-256, as the QR code names it")]
NumberQuery = Annotated[str | None, Query(max_length=200, description="the number printed beside the code")]


def answer(result: Verification, lang: Lang, number: str | None = None) -> dict[str, Any]:
    """The verdict in lang, with what may be shown to anyone."""
    def moment(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    known = result.status != "unknown"
    return {
        "status": result.status, "ok": result.ok, "message": PAGE[f"verify_{result.status}"][lang],
        "number": result.number, "form_id": result.form_id,
        "form_title": FORMS[result.form_id].title_in(lang) if result.form_id in FORMS else None,
        "document_date": result.document_date.isoformat() if result.document_date else None,
        "document_date_text": format_date(result.document_date, lang) if result.document_date else None,
        "issued_at": moment(result.issued_at), "voided_at": moment(result.voided_at), "format": result.format,
        "number_matches": (number == result.number) if (known and number is not None) else None,
    }


def router() -> APIRouter:
    routes = APIRouter(tags=["verification"])

    def page(request: Request, lang: Lang, found: dict[str, Any] | None) -> HTMLResponse:
        html = environment().get_template("verify.html").render(
            lang=lang, words={k: v[lang] for k, v in PAGE.items()}, languages=LANGUAGE_NAMES, found=found,
            path=request.url.path, query=dict(request.query_params))
        return HTMLResponse(html, headers={"Content-Language": lang, "Cache-Control": "no-store"})

    @routes.get("/verify", include_in_schema=False)
    def verify_form(request: Request, ui: Annotated[Lang | None, Query()] = None) -> HTMLResponse:
        return page(request, page_lang(request, ui), None)

    @routes.get("/verify/{digest}", include_in_schema=False)
    def verify_page(request: Request, digest: Digest, n: NumberQuery = None,
                    ui: Annotated[Lang | None, Query()] = None) -> HTMLResponse:
        lang = page_lang(request, ui)
        return page(request, lang, answer(register_of(request).lookup(digest), lang, n))

    @routes.post("/verify", include_in_schema=False)
    async def verify_upload_page(request: Request, file: Annotated[UploadFile, File()],
                                 ui: Annotated[Lang | None, Query()] = None) -> HTMLResponse:
        lang = page_lang(request, ui)
        result = await run_in_threadpool(register_of(request).verify, await file.read())
        return page(request, lang, answer(result, lang))

    @routes.get("/api/verify/{digest}", summary="The verdict on the document a QR code names (no sign-in, no personal data)",
                responses={400: PROBLEM})
    def verify_code(request: Request, digest: Digest, n: NumberQuery = None,
                    lang: Annotated[Lang, Query(description="the language of the message")] = "kk") -> dict[str, Any]:
        return answer(register_of(request).lookup(digest), lang, n)

    @routes.post("/api/verify", summary="The verdict on a file: issued by the register, unaltered, in force? "
                                        "(no sign-in, no personal data)", responses={400: PROBLEM, 413: PROBLEM})
    async def verify_file(request: Request, file: Annotated[UploadFile, File(description="the PDF or DOCX")],
                          lang: Annotated[Lang, Query(description="the language of the message")] = "kk"
                          ) -> dict[str, Any]:
        result = await run_in_threadpool(register_of(request).verify, await file.read())
        return answer(result, lang)

    return routes

