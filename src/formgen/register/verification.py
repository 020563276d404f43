"""Checking that a document is genuine: the QR code an issued document carries, and the answer
the register gives about a file or a code (without personal data, so a public page may show it).

The code names the register's verification address, the entry's SHA-256 and the
number: https://…/verify/<digest>?n=<number>.  The digest identifies the entry
(it covers the case data and how the document was made); the files' own SHA-256
are in the register, which is how a file is found unaltered.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from ..locale import Lang
from ..rendering.document import VerificationMark
from ..resources import DATA_DIR, read_yaml

PUBLIC_URL_ENV = "FORMGEN_PUBLIC_URL"
"""The deployment's public base URL; when set, issued documents carry the QR code by default."""

Status = Literal["valid", "voided", "altered", "unknown"]


@dataclass(frozen=True)
class Verification:
    """The register's answer about a file or a code.  Holds no personal data: no case data, no names."""

    status: Status
    """valid: registered, unaltered, in force; voided: registered and unaltered but voided; altered: it names
    an entry but its bytes are not a file of that entry; unknown: not a document of this register."""
    message: str
    entry_id: int | None = None
    number: str | None = None
    form_id: str | None = None
    document_date: dt.date | None = None
    issued_at: dt.datetime | None = None
    voided_at: dt.datetime | None = None
    format: str | None = None
    """The format of the registered file the bytes are (pdf, docx), when they are one."""

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def verification_url(base_url: str, digest: str, number: str) -> str:
    return f"{base_url.rstrip('/')}/verify/{digest}?n={quote(number, safe='')}"


@functools.cache
def _captions() -> dict[str, str]:
    return read_yaml(DATA_DIR / "register.yaml")["caption"]


def verification_mark(base_url: str, digest: str, number: str, lang: Lang) -> VerificationMark:
    """The QR code of an entry, as SVG and PNG, and the line printed beside it."""
    import segno

    code = segno.make(verification_url(base_url, digest, number), error="m")
    png = io.BytesIO()
    code.save(png, kind="png", scale=10, border=0)
    caption = _captions()[lang].format(number=number, url=f"{base_url.rstrip('/')}/verify")
    return VerificationMark(code.svg_inline(border=0, omitsize=True), png.getvalue(), caption)
