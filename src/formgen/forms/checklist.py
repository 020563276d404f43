"""The checklist of joint order No. 102/57 (Annex 2): what its templates print,
filled from a case or blank.

The wording (title, header labels, the 19 requirements, footer captions) is in
templates/<lang>/checklist.yaml; here each value is formatted once for every
output format, and a blank form gets the law's lines to fill in by hand.
"""

from __future__ import annotations

from typing import Any

from .. import locale
from ..locale import Lang
from .audit import UNDERLINE
from .names import full_name
from .schemas.checklist import Checklist
from .schemas.common import Person, localize
from .wording import wording

MARK = "+"
"""What a filled checklist puts in the column that applies, as checklists are marked by hand."""

OPTIONS: tuple[str, ...] = ()

TEMPLATE_FIELDS: dict[str, tuple[str, ...]] = {
    "state_body": ("state_body",), "appointing_body": ("appointing_body",), "act": ("act",),
    "entity": ("entity",), "requirements": ("results",), "officials": ("officials",), "head": ("head",),
}
"""Each template variable and the schema fields it is made from."""


def _person(person: Person | None, lang: Lang) -> dict[str, str]:
    if person is None:
        return {"name": UNDERLINE[:40], "position": UNDERLINE[:40]}
    return {"name": full_name(person, lang), "position": localize(person.position, lang)}


def _requirements(results: dict[int, str] | None, lang: Lang) -> list[dict[str, Any]]:
    """The table's rows: number, requirement, and the mark in "meets" or "fails" (none when blank or not applicable)."""
    results = results or {}
    return [{"no": n, "text": text,
             "meets": MARK if results.get(n) == "meets" else "",
             "fails": MARK if results.get(n) == "fails" else ""}
            for n, text in enumerate(wording(lang, "checklist")["requirements"], 1)]


def context(form_id: str, data: Checklist | None, lang: Lang) -> dict[str, Any]:
    """The values the checklist's templates place, for data or, with None, for the blank form."""
    if data is None:
        return {
            "state_body": UNDERLINE, "appointing_body": UNDERLINE, "act": UNDERLINE[:32],
            "entity": {"name": UNDERLINE, "iin_bin": UNDERLINE[:32], "address": UNDERLINE},
            "requirements": _requirements(None, lang),
            "officials": [_person(None, lang)], "head": _person(None, lang),
        }
    return {
        "state_body": localize(data.state_body, lang),
        "appointing_body": localize(data.appointing_body, lang),
        "act": locale.format_number_date(data.act.date, data.act.number, lang),  # as captioned: "No., date"
        "entity": {"name": localize(data.entity.name, lang), "iin_bin": data.entity.iin_bin,
                   "address": localize(data.entity.address, lang)},
        "requirements": _requirements(data.results, lang),
        "officials": [_person(p, lang) for p in data.officials],
        "head": _person(data.head, lang),
    }
