"""The HTTP API of the register: issue a document under its number, list and search the entries,
show one, download its DOCX or PDF again, void it, export the journal.

Who does it is the signed-in person's login or the token's name, as the
register's trail records it.  Readers read; clerks also issue; administrators
also void.  Issuing and downloading render in the worker's render thread.
"""

from __future__ import annotations

import re
import warnings
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import FormgenError, LateDocument
from ..forms import get_form
from ..locale import Lang
from ..register import Entry, Register
from ..register.journal import addressee
from ..register.register import ISSUE_FORMATS
from ..register.verification import verification_url
from .access import Administrator, Clerk, Reader, register_of
from .documents import MEDIA_TYPES, PROBLEM, PROBLEMS, FormId, LangQuery, read_case
from .problems import ProblemError
from .renders import rendered
from .settings import Settings

EntryId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the entry's id in the register")]
MAX_PAGE = 500
IssueFormat = Literal["pdf", "docx"]
_AUTH = {401: PROBLEM, 403: PROBLEM}


def summary(entry: Entry, lang: Lang) -> dict[str, Any]:
    """What a list of entries shows of one: its number, document, addressee, who and when, status."""
    return {
        "id": entry.id, "number": entry.number, "form_id": entry.form_id, "title": get_form(entry.form_id).title_in(lang),
        "lang": entry.lang, "document_date": entry.document_date.isoformat(), "issued_at": entry.issued_at.isoformat(),
        "issued_by": entry.issued_by, "authority": entry.authority, "department": entry.department,
        "addressee": addressee(entry.case_data, lang), "entity_bin": entry.entity_bin, "status": entry.status,
        "voided_at": entry.voided_at.isoformat() if entry.voided_at else None, "void_reason": entry.void_reason,
        "files": {fmt: f"/api/entries/{entry.id}/file?format={fmt}"
                  for fmt in ISSUE_FORMATS if fmt in get_form(entry.form_id).formats},
        "verification": verification_url(entry.verify_base, entry.digest, entry.number) if entry.verify_base else None,
    }


def _matches(entry: Entry, words: list[str]) -> bool:
    """Whether every word of a search is in the entry's number, BIN, addressee (any language),
    document title, who issued it or the void reason."""
    text = " ".join([entry.number, entry.entity_bin or "", entry.issued_by, entry.void_reason or "", entry.form_id,
                     *(addressee(entry.case_data, lang) for lang in ("kk", "ru", "en")),
                     *(get_form(entry.form_id).title_in(lang) for lang in ("kk", "ru", "en"))]).casefold()
    return all(word in text for word in words)


def _entry(register: Register, entry_id: int) -> Entry:
    try:
        return register.get(entry_id)
    except FormgenError:
        raise ProblemError("no-entry", 404, f"no entry {entry_id} in the register") from None


def _filters(form_id: str | None, year: int | None, entity_bin: str | None, status: str | None,
             number: str | None, authority: str | None, department: str | None) -> dict[str, Any]:
    return {"form_id": form_id, "year": year, "entity_bin": entity_bin, "status": status, "number": number,
            "authority": authority, "department": department}


FormFilter = Annotated[str | None, Query(max_length=40, description="only this form")]
YearFilter = Annotated[int | None, Query(ge=2016, le=2100, description="only this year of the documents' dates")]
BinFilter = Annotated[str | None, Query(max_length=12, description="only documents about this IIN/BIN")]
StatusFilter = Annotated[Literal["issued", "voided"] | None, Query(description="issued (in force) or voided")]
NumberFilter = Annotated[str | None, Query(max_length=100, description="only this number")]
AuthorityFilter = Annotated[str | None, Query(max_length=200, description="only this authority's")]
DepartmentFilter = Annotated[str | None, Query(max_length=100, description="only this department's")]


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(prefix="/api", tags=["register"])

    @routes.post("/forms/{form_id}/issue", status_code=201, summary="Issue the document under the register's next number",
                 openapi_extra={"requestBody": {"required": True, "description": "The case data without a number: "
                                                "the register gives it.", "content": {"application/json": {
                                                    "schema": {"type": "object"}}}}},
                 responses={**PROBLEMS, **_AUTH})
    async def issue(request: Request, form_id: FormId, who: Clerk, lang: LangQuery = "kk",
                    format: Annotated[list[IssueFormat], Query(description="the files to issue; the PDF is the "
                                                                           "PDF/A-3b archive copy")] = ["pdf"],
                    authority: Annotated[str, Query(max_length=200, description="the issuing authority's code")] = "",
                    department: Annotated[str, Query(max_length=100, description="the department's code")] = "",
                    number: Annotated[str | None, Query(max_length=100, description="a number from your own "
                                                        "document-management system instead of the register's")] = None,
                    qr: Annotated[bool | None, Query(description="print the verification QR code (default: when "
                                                     "the service has a public address)")] = None,
                    with_notes: Annotated[bool, Query(description="certificate: append its completion notes")] = False,
                    with_clarification: Annotated[bool, Query(description="report: append its clarification")] = False,
                    strict: Annotated[bool, Query(description="a late audit document is an error")] = False,
                    ) -> JSONResponse:
        spec = get_form(form_id)
        data = await read_case(request)
        wrong = [f for f in format if f not in spec.formats]
        if wrong:
            raise ProblemError("bad-request", 400, f"{form_id} is not issued as {', '.join(wrong)}")
        options = {k: True for k, on in (("with_notes", with_notes), ("with_clarification", with_clarification)) if on}
        register = register_of(request)

        def run():
            with warnings.catch_warnings(record=True) as late:
                warnings.simplefilter("always", LateDocument)
                issued = register.issue(form_id, data, lang=lang, issued_by=who.name, formats=format,
                                        authority=authority, department=department, number=number, qr=qr,
                                        strict=strict, **options)
            return issued, [str(w.message) for w in late]

        issued, late = await rendered(run, settings.render_seconds, commits=True)
        return JSONResponse({**summary(issued.entry, lang), "late": late}, status_code=201,
                            headers={"Location": f"/api/entries/{issued.entry.id}"})

    @routes.get("/entries", summary="The entries of the register, newest first, filtered and searched",
                responses={400: PROBLEM, **_AUTH})
    def list_entries(request: Request, who: Reader, form_id: FormFilter = None, year: YearFilter = None,
                     entity_bin: BinFilter = None, status: StatusFilter = None, number: NumberFilter = None,
                     authority: AuthorityFilter = None, department: DepartmentFilter = None,
                     q: Annotated[str, Query(max_length=200, description="words that must all appear in the number, "
                                             "IIN/BIN, addressee, kind of document or who issued it")] = "",
                     lang: Annotated[Lang, Query(description="the language of titles and addressees")] = "kk",
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                     offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0) -> dict[str, Any]:
        found = register_of(request).entries(**_filters(form_id, year, entity_bin, status, number, authority,
                                                        department))
        words = q.casefold().split()
        found = [e for e in reversed(found) if _matches(e, words)]
        return {"total": len(found), "offset": offset,
                "entries": [summary(e, lang) for e in found[offset:offset + limit]]}

    @routes.get("/entries/export", summary="The outgoing-documents journal as CSV or XLSX", response_class=Response,
                responses={400: PROBLEM, **_AUTH, 200: {"description": "the journal", "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}}}}})
    def export(request: Request, who: Reader, format: Annotated[Literal["csv", "xlsx"], Query()] = "xlsx",
               lang: Annotated[Lang, Query(description="the journal's headings")] = "kk",
               form_id: FormFilter = None, year: YearFilter = None, entity_bin: BinFilter = None,
               status: StatusFilter = None, number: NumberFilter = None, authority: AuthorityFilter = None,
               department: DepartmentFilter = None) -> Response:
        content = register_of(request).export(format, lang=lang, by=who.name, **_filters(
            form_id, year, entity_bin, status, number, authority, department))
        media = "text/csv; charset=utf-8" if format == "csv" else MEDIA_TYPES["xlsx"]
        return Response(content, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="journal-{lang}.{format}"'})

    @routes.get("/entries/{entry_id}", summary="Everything an entry holds: the case data, how and by whom it was made",
                responses={404: PROBLEM, 400: PROBLEM, **_AUTH})
    def show(request: Request, entry_id: EntryId, who: Reader,
             lang: Annotated[Lang, Query(description="the language of the title and addressee")] = "kk"
             ) -> dict[str, Any]:
        entry = _entry(register_of(request), entry_id)
        return {**entry.to_json(), **summary(entry, lang)}

    @routes.get("/entries/{entry_id}/file", summary="The entry's DOCX or PDF again, the same bytes as issued",
                response_class=Response, responses={404: PROBLEM, 400: PROBLEM, **_AUTH, 200: {
                    "description": "the document", "content": {MEDIA_TYPES[f]: {"schema": {
                        "type": "string", "format": "binary"}} for f in ISSUE_FORMATS}}})
    async def download(request: Request, entry_id: EntryId, who: Reader,
                       format: Annotated[IssueFormat, Query(description="the file's format")] = "pdf") -> Response:
        register = register_of(request)
        entry = _entry(register, entry_id)
        if format not in get_form(entry.form_id).formats:
            raise ProblemError("bad-request", 400, f"{entry.form_id} is not issued as {format}")
        content = await rendered(lambda: register.reprint(entry_id, format, by=who.name, action="download"),
                                 settings.render_seconds, commits=True)
        return Response(content, media_type=MEDIA_TYPES[format],
                        headers={"Content-Disposition": attachment(entry.file_name(format))})

    @routes.post("/entries/{entry_id}/void", summary="Void an entry, with the reason (administrators)",
                 openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["reason"], "properties": {
                         "reason": {"type": "string", "minLength": 1, "maxLength": 1000}}}}}}},
                 responses={404: PROBLEM, 409: PROBLEM, 400: PROBLEM, 415: PROBLEM, **_AUTH})
    async def void(request: Request, entry_id: EntryId, who: Administrator,
                   lang: Annotated[Lang, Query(description="the language of the title and addressee")] = "kk"
                   ) -> dict[str, Any]:
        body = await read_case(request)
        reason = body.get("reason") if isinstance(body, dict) else None
        if not isinstance(reason, str) or not reason.strip() or len(reason) > 1000:
            raise ProblemError("bad-request", 400, 'give {"reason": "…"}: why the document is void, '
                                                   "at most 1000 characters")
        register = register_of(request)
        entry = _entry(register, entry_id)
        if entry.status == "voided":
            raise ProblemError("already-voided", 409, f"entry {entry_id} (No. {entry.number}) was voided on "
                                                      f"{entry.voided_at.isoformat()}: {entry.void_reason}")
        try:
            voided = await run_in_threadpool(register.void, entry_id, reason, by=who.name)
        except FormgenError as error:
            if register.get(entry_id).status == "voided":  # voided meanwhile by another request
                raise ProblemError("already-voided", 409, str(error)) from None
            raise
        return summary(voided, lang)

    return routes


def attachment(name: str) -> str:
    """A Content-Disposition for a file name that may hold Cyrillic: an ASCII name for old clients,
    the real one (RFC 6266 filename*) for the rest."""
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
