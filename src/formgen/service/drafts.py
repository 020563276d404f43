"""Drafts kept by the service, per clerk: case data typed so far (valid or not yet), to come back to
from any browser.  A clerk sees and changes only their own."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import delete, func, insert, select, update
from starlette.concurrency import run_in_threadpool

from ..forms import FORMS
from ..locale import LANGS
from ..register import db
from ..register.models import drafts
from ..register.register import _now
from .access import Reader, register_of
from .documents import PROBLEM, read_case
from .problems import ProblemError

MAX_DRAFTS = 200
"""Drafts one clerk may keep; an old one is deleted to save another."""
DraftId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_SUMMARY = (drafts.c.id, drafts.c.form_id, drafts.c.lang, drafts.c.title, drafts.c.saved_at)
_DRAFT_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["form_id", "lang", "data"], "properties": {
        "form_id": {"type": "string", "enum": list(FORMS)}, "lang": {"type": "string", "enum": list(LANGS)},
        "title": {"type": "string", "maxLength": 200}, "data": {"type": "object"}}}}}}
_ERRORS = {400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 404: PROBLEM, 415: PROBLEM}


async def _draft_body(request: Request) -> dict[str, Any]:
    body = await read_case(request)
    fields_fit = isinstance(body, dict) and all(isinstance(body.get(k, ""), str) for k in ("form_id", "lang", "title"))
    if not fields_fit or body.get("form_id") not in FORMS or body.get("lang") not in LANGS \
            or not isinstance(body.get("data"), dict):
        raise ProblemError("bad-request", 400, 'a draft is {"form_id": a form\'s id, "lang": kk|ru|en, '
                                               '"title": text, "data": {…}}')
    return {"form_id": body["form_id"], "lang": body["lang"], "title": " ".join(body.get("title", "").split())[:200],
            "data": json.dumps(body["data"], ensure_ascii=False), "saved_at": _now()}


def router() -> APIRouter:
    routes = APIRouter(prefix="/api/drafts", tags=["drafts"])

    def summary(row) -> dict[str, Any]:
        return {"id": row.id, "form_id": row.form_id, "lang": row.lang, "title": row.title, "saved_at": row.saved_at}

    @routes.get("", summary="Your drafts, the newest first", responses=_ERRORS)
    def list_drafts(request: Request, who: Reader) -> list[dict[str, Any]]:
        with db.reading(register_of(request).engine) as connection:
            rows = connection.execute(select(*_SUMMARY).where(drafts.c.owner == who.owner)
                                      .order_by(drafts.c.saved_at.desc(), drafts.c.id.desc()))
            return [summary(row) for row in rows]

    @routes.post("", status_code=201, summary="Save a new draft", openapi_extra={"requestBody": _DRAFT_BODY},
                 responses=_ERRORS)
    async def create(request: Request, who: Reader) -> JSONResponse:
        values = await _draft_body(request)

        def save() -> dict[str, Any]:
            with db.writing(register_of(request).engine) as connection:
                kept = connection.execute(select(func.count()).select_from(drafts).where(
                    drafts.c.owner == who.owner)).scalar_one()
                if kept >= MAX_DRAFTS:
                    oldest = select(drafts.c.id).where(drafts.c.owner == who.owner).order_by(
                        drafts.c.saved_at, drafts.c.id).limit(kept - MAX_DRAFTS + 1)
                    connection.execute(delete(drafts).where(drafts.c.id.in_(oldest.scalar_subquery())))
                draft_id = connection.execute(insert(drafts), {**values, "owner": who.owner}).inserted_primary_key[0]
            return {"id": draft_id, **{k: values[k] for k in ("form_id", "lang", "title", "saved_at")}}

        saved = await run_in_threadpool(save)
        return JSONResponse(saved, status_code=201, headers={"Location": f"/api/drafts/{saved['id']}"})

    @routes.get("/{draft_id}", summary="A draft with its case data", responses=_ERRORS)
    def show(request: Request, draft_id: DraftId, who: Reader) -> dict[str, Any]:
        with db.reading(register_of(request).engine) as connection:
            row = connection.execute(select(drafts).where(drafts.c.id == draft_id, drafts.c.owner == who.owner)).first()
        if row is None:
            raise ProblemError("no-draft", 404, f"you have no draft {draft_id}")
        return {**summary(row), "data": json.loads(row.data)}

    @routes.put("/{draft_id}", summary="Save a draft again", openapi_extra={"requestBody": _DRAFT_BODY},
                responses=_ERRORS)
    async def replace(request: Request, draft_id: DraftId, who: Reader) -> dict[str, Any]:
        values = await _draft_body(request)

        def save() -> int:
            with db.writing(register_of(request).engine) as connection:
                return connection.execute(update(drafts).where(drafts.c.id == draft_id, drafts.c.owner == who.owner)
                                          .values(**values)).rowcount

        if not await run_in_threadpool(save):
            raise ProblemError("no-draft", 404, f"you have no draft {draft_id}")
        return {"id": draft_id, **{k: values[k] for k in ("form_id", "lang", "title", "saved_at")}}

    @routes.delete("/{draft_id}", status_code=204, summary="Delete a draft", responses=_ERRORS,
                   response_class=Response)
    def remove(request: Request, draft_id: DraftId, who: Reader) -> Response:
        with db.writing(register_of(request).engine) as connection:
            gone = connection.execute(delete(drafts).where(drafts.c.id == draft_id, drafts.c.owner == who.owner)).rowcount
        if not gone:
            raise ProblemError("no-draft", 404, f"you have no draft {draft_id}")
        return Response(status_code=204)

    return routes
