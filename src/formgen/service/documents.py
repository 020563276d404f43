"""The HTTP API for one document: the forms, a form's schema, validating and rendering case data.

Case data travels as the JSON body, as in the library; the form, the
language, the format and the options are the path and query.  Rendering runs
in the worker's render thread (renders.py), and is answered with a problem
when it takes longer than the settings allow.  Every route needs a reader.
"""

from __future__ import annotations

import functools
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from .. import api
from ..errors import FormgenError
from ..forms import FORMS, get_form
from ..forms.json_schema import described_schema
from ..forms.schemas.audit import AUDIT_SCHEMAS
from ..inputs import parse_json
from ..locale import Lang
from ..procedure.sequence import carry_over, next_forms
from .limits import PREVIEW_POLICY
from .problems import ProblemError
from .renders import rendered
from .settings import Settings

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FormId = Annotated[str, Path(description="a form's id, as GET /api/forms lists them", examples=["audit-start"])]
LangQuery = Annotated[Lang, Query(description="the document's language (kk, ru, en)")]
_CASE_BODY = {
    "required": False,
    "description": "The case data: a JSON object valid against GET /api/forms/{form_id}/schema.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}
PROBLEM = {"description": "a problem (RFC 9457)", "content": {"application/problem+json": {"schema": {
    "type": "object", "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "path": {"type": "string"}, "message": {"type": "string"}, "code": {"type": ["string", "null"]}}}}}}}}}
PROBLEMS = {status: PROBLEM for status in (400, 404, 413, 415, 422)}

async def read_case(request: Request, required: bool = True) -> Any:
    """The JSON body, or a problem: 415 for another media type, 400 for what is not JSON."""
    body = await request.body()
    if not body.strip():
        if required:
            raise ProblemError("invalid-json", 400, "the request has no body; send the case data as JSON")
        return None
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise ProblemError("unsupported-media-type", 415, f"the body is {media_type or 'untyped'}; send application/json")
    try:
        return parse_json(body, "the body")
    except FormgenError as error:
        raise ProblemError("invalid-json", 400, str(error)) from None


def _late(form_id: str, model: Any) -> list[dict[str, str]]:
    """The time limits of the Rules an audit document breaks (a warning, not an error)."""
    if form_id not in AUDIT_SCHEMAS:
        return []
    from ..procedure.deadlines import check_audit_document

    return [{"path": w.path, "message": w.message} for w in check_audit_document(form_id, model)]


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(prefix="/api", tags=["documents"])

    @functools.cache
    def schema_json(form_id: str, lang: Lang) -> bytes:
        url = f"{settings.base_url.rstrip('/')}/api/forms/{form_id}/schema?lang={lang}" if settings.base_url else None
        return json.dumps(described_schema(form_id, lang, url), ensure_ascii=False).encode()

    @routes.get("/forms", summary="The forms, with their titles in the language asked")
    async def list_forms(lang: Annotated[Lang, Query(description="the language of the titles")] = "en") -> list[dict[str, Any]]:
        return [{"id": spec.id, "reference": spec.reference, "title": json.loads(schema_json(spec.id, lang))["title"],
                 "formats": list(spec.formats), "options": list(spec.options), "blank_options": list(spec.blank_options),
                 "next": list(next_forms(spec.id)), "schema": f"/api/forms/{spec.id}/schema?lang={lang}"}
                for spec in FORMS.values()]

    @routes.get("/forms/{form_id}/schema", summary="A form's JSON Schema (Draft 2020-12), described in a language",
                responses={404: PROBLEM, 400: PROBLEM, 200: {"description": "the JSON Schema", "content": {
                    "application/schema+json": {"schema": {"type": "object"}}}}},
                response_class=Response)
    async def form_schema(form_id: FormId, lang: Annotated[Lang, Query(description="the language of titles and labels")] = "en"
                    ) -> Response:
        get_form(form_id)
        return Response(schema_json(form_id, lang), media_type="application/schema+json")

    @routes.post("/forms/{form_id}/validate", summary="Check case data against the form",
                 openapi_extra={"requestBody": {**_CASE_BODY, "required": True}}, responses=PROBLEMS)
    async def validate(request: Request, form_id: FormId,
                       lang: Annotated[Lang | None, Query(description="also check that every text exists in "
                                                                      "this document language")] = None
                       ) -> dict[str, Any]:
        get_form(form_id)
        data = await read_case(request)
        model = api.validate(form_id, data, lang)
        return {"valid": True, "form": form_id, "late": _late(form_id, model)}

    @routes.post("/forms/{form_id}/render", summary="The document as a file: DOCX, PDF, HTML or XLSX",
                 openapi_extra={"requestBody": _CASE_BODY}, response_class=Response,
                 responses={**PROBLEMS, 200: {"description": "the document", "content": {
                     media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_TYPES.values()}}})
    async def render(request: Request, form_id: FormId, lang: LangQuery = "kk",
                     format: Annotated[Literal["docx", "pdf", "html", "xlsx"], Query(description="the file's format")] = "pdf",
                     blank: Annotated[bool, Query(description="the law's blank form (a body may give a report's reporter)")] = False,
                     with_notes: Annotated[bool, Query(description="certificate: append its completion notes")] = False,
                     with_clarification: Annotated[bool, Query(description="report: append its clarification")] = False,
                     year: Annotated[int | None, Query(ge=2016, le=2100, description="blank report: the year")] = None,
                     quarter: Annotated[int | None, Query(ge=1, le=4, description="blank report: the quarter")] = None,
                     strict: Annotated[bool, Query(description="a late audit document is an error")] = False,
                     ) -> Response:
        spec = get_form(form_id)
        data = await read_case(request, required=not blank)
        options: dict[str, Any] = {k: True for k, on in (("with_notes", with_notes),
                                                         ("with_clarification", with_clarification)) if on}
        if blank:
            if data is not None:
                if not isinstance(data, dict) or set(data) - {"reporter"}:
                    raise ProblemError("bad-request", 400, "a blank form's body may only give {\"reporter\": {...}}")
                options |= data
            options |= {k: v for k, v in (("year", year), ("quarter", quarter)) if v is not None}
            data = None
        elif year is not None or quarter is not None:
            raise ProblemError("bad-request", 400, "year and quarter are for a blank report; a filled one has them in its data")
        if format not in spec.formats:
            raise ProblemError("bad-request", 400, f"{form_id} renders as {', '.join(spec.formats)}, not {format}")

        content = await rendered(lambda: api.render(form_id, data, lang=lang, fmt=format, blank=blank,
                                                    strict=strict, **options), settings.render_seconds)
        name = f"{form_id}-{lang}{'-blank' if blank else ''}.{format}"
        headers = {"Content-Disposition": f'{"inline" if format == "html" else "attachment"}; filename="{name}"',
                   "Content-Language": lang}
        if format == "html":
            headers["Content-Security-Policy"] = PREVIEW_POLICY
        return Response(content, media_type=MEDIA_TYPES[format], headers=headers)

    @routes.post("/forms/{form_id}/next", summary="Start the next document of the same audit from this one",
                 openapi_extra={"requestBody": {**_CASE_BODY, "required": True}}, responses=PROBLEMS)
    async def next_document(request: Request, form_id: FormId,
                            to: Annotated[str, Query(description="the next document's form id")]) -> JSONResponse:
        get_form(form_id)
        data = await read_case(request)
        if not isinstance(data, dict):
            raise ProblemError("bad-request", 400, "the case data must be a JSON object")
        return JSONResponse(carry_over(form_id, data, to))

    return routes
