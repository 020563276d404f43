"""Reading back the record an issued PDF carries: its register entry and case data, attached as
JSON to the PDF/A-3b archive copy (see pdf.render_pdf).  `formgen validate` and `formgen
consolidate` take such a PDF as case data."""

from __future__ import annotations

import io
import json
from typing import Any

from ..errors import FormgenError
from .document import RECORD_NAME


def is_pdf(content: bytes) -> bool:
    return content.lstrip()[:5] == b"%PDF-"


def pdf_record(content: bytes, source: str = "PDF") -> dict[str, Any]:
    """The record attached to an issued PDF, {"entry": …, "case": …}; a FormgenError when it has none."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(content)).attachments
        data = attachments[RECORD_NAME][0] if RECORD_NAME in attachments else None
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise FormgenError(f"{source}: cannot read the PDF: {error}") from None
    if data is None:
        raise FormgenError(f"{source}: a PDF without case data; only a document issued by the register "
                           f"(formgen issue) carries its data")
    try:
        record = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FormgenError(f"{source}: the attached {RECORD_NAME} is not JSON") from None
    if not isinstance(record, dict) or not isinstance(record.get("case"), dict) \
            or not isinstance(record.get("entry"), dict):
        raise FormgenError(f"{source}: the attached {RECORD_NAME} is not a register record")
    return record


def case_from_pdf(content: bytes, form_id: str | None = None, source: str = "PDF") -> dict[str, Any]:
    """The case data an issued PDF carries; with form_id, a FormgenError when it is another form's."""
    record = pdf_record(content, source)
    found = record["entry"].get("form_id")
    if form_id is not None and found != form_id:
        raise FormgenError(f"{source}: is a {found} document, not {form_id}")
    return record["case"]
