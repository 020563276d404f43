"""The record an issued document carries, and reading it back.

An issued PDF is the archive copy: PDF/A-3b with the record (the register
entry and the validated case data, as JSON) attached; an issued DOCX names its
entry's digest in a custom property.  `formgen validate` and `formgen
consolidate` take such a PDF as case data.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from ..errors import FormgenError
from ..rendering.document import DOCX_CUSTOM_PART, ENTRY_PROPERTY, RECORD_NAME
from .trail import canonical


def record_bytes(entry: dict[str, Any], case: dict[str, Any]) -> bytes:
    """The JSON a PDF carries: {"entry": …, "case": …}, canonical, so that a reprint attaches the same bytes."""
    return canonical({"entry": entry, "case": case}).encode("utf-8")


def is_pdf(content: bytes) -> bool:
    return content.lstrip()[:5] == b"%PDF-"


def pdf_record(content: bytes, source: str = "PDF") -> dict[str, Any]:
    """The record attached to an issued PDF; a FormgenError when the PDF carries none."""
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
    if not isinstance(record, dict) or not isinstance(record.get("case"), dict) or "entry" not in record:
        raise FormgenError(f"{source}: the attached {RECORD_NAME} is not a register record")
    return record


def case_from_pdf(content: bytes, source: str = "PDF") -> tuple[str, dict[str, Any]]:
    """The form id and the case data an issued PDF carries."""
    record = pdf_record(content, source)
    return record["entry"].get("form_id", ""), record["case"]


def claimed_digest(content: bytes) -> str | None:
    """The register entry a file says it belongs to (a PDF's record, a DOCX's property), if it says one."""
    if is_pdf(content):
        try:
            return pdf_record(content)["entry"].get("digest")
        except FormgenError:
            return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            properties = package.read(DOCX_CUSTOM_PART).decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError):
        return None
    found = re.search(rf'name="{ENTRY_PROPERTY}"><vt:lpwstr>([0-9a-f]{{64}})</vt:lpwstr>', properties)
    return found.group(1) if found else None
