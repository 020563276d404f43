"""Masks of outgoing numbers: `14-05/{seq}`, `{dept}-{year}/{seq:4}`.

A mask holds {seq} once (the number in the series; {seq:4} pads it with zeros
to 4 digits) and may hold {year} (the series' year) and {dept} (the
department's code); any other brace is an error, so a typo never reaches a
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import FormgenError

DEFAULT_MASK = "{seq}"
MAX_LENGTH = 100
_FIELD = re.compile(r"\{([^{}]*)\}")
_SEQ = re.compile(r"seq(?::([1-9]))?")


@dataclass(frozen=True)
class Mask:
    text: str

    def format(self, seq: int, year: int, department: str) -> str:
        """The number with seq in its series of year, for department."""
        def value(match: re.Match[str]) -> str:
            field = match.group(1)
            if field == "year":
                return str(year)
            if field == "dept":
                return department
            width = _SEQ.fullmatch(field).group(1)
            return str(seq).zfill(int(width)) if width else str(seq)

        return _FIELD.sub(value, self.text)

    @property
    def needs_department(self) -> bool:
        return "{dept}" in self.text


def parse_mask(text: str) -> Mask:
    """The mask, or a FormgenError naming what is wrong with it."""
    def bad(reason: str) -> FormgenError:
        return FormgenError(f"mask {text!r}: {reason}")

    if not text.strip() or text != text.strip():
        raise bad("give the mask without leading or trailing spaces, e.g. '14-05/{seq}'")
    if len(text) > MAX_LENGTH:
        raise bad(f"longer than {MAX_LENGTH} characters")
    if any(not c.isprintable() for c in text):
        raise bad("contains a control character")
    fields = _FIELD.findall(text)
    unknown = [f for f in fields if f not in ("year", "dept") and not _SEQ.fullmatch(f)]
    if unknown:
        raise bad(f"unknown field {{{unknown[0]}}}; a mask may hold {{seq}} (or {{seq:N}}), {{year}} and {{dept}}")
    if "{" in _FIELD.sub("", text) or "}" in _FIELD.sub("", text):
        raise bad("a brace that opens no field or closes none")
    seqs = sum(1 for f in fields if _SEQ.fullmatch(f))
    if seqs != 1:
        raise bad("a mask must contain {seq} exactly once" if seqs == 0 else "{seq} appears more than once")
    return Mask(text)
