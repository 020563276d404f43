"""The record an issued document carries, as the register writes it, and the entry a file claims.

An issued PDF is the archive copy: PDF/A-3b with the record (the register
entry and the validated case data, canonical JSON) attached; an issued DOCX
names its entry's digest in a custom property (rendering.docx).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..errors import FormgenError
from ..rendering.document import DOCX_CUSTOM_PART, ENTRY_PROPERTY
from ..rendering.record import is_pdf, pdf_record
from .trail import canonical


def record_bytes(entry: dict[str, Any], case: dict[str, Any] | str) -> bytes:
    """The JSON a PDF carries, canonical({"case": …, "entry": …}), so that a reprint attaches the same
    bytes; case may be given as its canonical JSON already (the register keeps it so)."""
    case_json = case if isinstance(case, str) else canonical(case)
    return f'{{"case":{case_json},"entry":{canonical(entry)}}}'.encode("utf-8")


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
