"""The audit documents (Annexes 1–6): which schema field fills which numbered
item and how, and the values each item prints in a given language.

A form's items follow the law's order; the wording of their labels is in
templates/<lang>/<form>.yaml.  Values are formatted here, once, for every
output format: a template only places the lines it is given.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Literal

from .. import locale
from ..locale import Lang
from .names import full_name
from .schemas.audit import AuditDocument, Conduct, Familiarisation, Finding
from .schemas.common import AuditType, DocumentRef, Entity, Period, Person, Specialist, localize
from .wording import wording

Style = Literal["block", "inline", "number_date", "since", "numbered", "signatures"]
"""How an item prints its value: on lines below the label, on the label's line
(a period, or a document reference by its date and number), on the label's line
as a document's number and date (the number first), as "from <date>" on the
label's line, as numbered lines, or as lines with room for a signature."""

INLINE_STYLES: tuple[Style, ...] = ("inline", "number_date", "since")
"""The styles whose value prints on the label's line."""

UNDERLINE = "_" * 58
"""A blank line of the printed form: 58 underscores fill the indented text width at 14 pt."""

SIGNATURE_LINE = "_" * 16


@dataclass(frozen=True)
class Item:
    fields: tuple[str, ...]
    style: Style = "block"


def _items(*spec: str | tuple[str, Style] | Item) -> tuple[Item, ...]:
    items = []
    for s in spec:
        if isinstance(s, Item):
            items.append(s)
        elif isinstance(s, tuple):
            items.append(Item((s[0],), s[1]))
        else:
            items.append(Item((s,)))
    return tuple(items)


_HEAD = ("authority", "auditors", "specialists", "entity")
_NOTICE = _items(*_HEAD, "subject", "audit_type", ("audit_period", "inline"), "grounds",
                 ("audited_period", "inline"), ("signatory", "signatures"))
_FINDINGS = Item(("findings", "analysis"), "numbered")

LAYOUTS: dict[str, tuple[Item, ...]] = {
    "auditors-change": _NOTICE,
    "audit-start": _NOTICE,
    "audit-suspension": _items(*_HEAD, ("start_notice", "number_date"), ("audit_period", "inline"),
                               ("suspended_from", "since"), "suspension_reason", ("signatory", "signatures")),
    "audit-resumption": _items(*_HEAD, ("start_notice", "number_date"), ("suspension_notice", "number_date"),
                               ("suspended_from", "since"), ("resumed", "inline"), ("signatory", "signatures")),
    "audit-certificate": _items("authority", ("start_notice", "inline"), "auditors", "specialists", "entity",
                                "audit_period", "conduct", _FINDINGS, ("auditors", "signatures"),
                                "familiarisation"),
    "violations-request": _items("authority", ("start_notice", "inline"), "auditors", "specialists", "entity",
                                 "audit_period", "conduct", _FINDINGS, ("proposals", "numbered"),
                                 ("signatory", "signatures")),
}

TITLE_FIELDS: dict[str, tuple[str, ...]] = {form: ("number", "date") for form in LAYOUTS}
TITLE_FIELDS["audit-certificate"] = ("number", "place", "date")

OPTIONS = ("with_notes",)
"""Template variables that are rendering options, not case data."""


# ---------------------------------------------------------------- filled values

@functools.singledispatch
def _lines(value: Any, lang: Lang) -> list[str]:
    """The printed lines of one value in lang: one line an item (a person, a proposal, a finding).

    A newline inside a text stays in its line, which the templates print as a
    line break within the same paragraph: a text is always one item.
    """
    raise TypeError(f"no presentation for {type(value).__name__}")


@_lines.register(str)
@_lines.register(dict)
def _(value, lang: Lang) -> list[str]:
    return [localize(value, lang)]


@_lines.register(type(None))
def _(value: None, lang: Lang) -> list[str]:
    return []


@_lines.register(list)
def _(value: list, lang: Lang) -> list[str]:
    return [line for element in value for line in _lines(element, lang)]


@_lines.register(dt.date)
def _(value: dt.date, lang: Lang) -> list[str]:
    return [locale.format_date(value, lang)]


@_lines.register(Person)
def _(person: Person, lang: Lang) -> list[str]:
    return [f"{full_name(person, lang)}, {localize(person.position, lang)}"]


@_lines.register(Specialist)
def _(person: Specialist, lang: Lang) -> list[str]:
    common = wording(lang, "common")
    parts = [full_name(person, lang), common["specialist_kind"][person.kind], localize(person.position, lang)]
    if person.organisation:
        parts.append(localize(person.organisation, lang))
    return [", ".join(parts)]


@_lines.register(Entity)
def _(entity: Entity, lang: Lang) -> list[str]:
    common = wording(lang, "common")
    lines = _lines(entity.name, lang)
    if entity.facilities:
        lines.append(f"{common['facilities']}: " + "; ".join(localize(f, lang) for f in entity.facilities))
    lines += _lines(entity.location, lang)
    lines.append(f"{common['iin_bin']} {entity.iin_bin}")
    if entity.territory:
        lines.append(f"{common['territory']}: {localize(entity.territory, lang)}")
    return lines


@_lines.register(AuditType)
def _(audit_type: AuditType, lang: Lang) -> list[str]:
    common = wording(lang, "common")
    if audit_type.on_site:
        mode = "on_site"
    elif len(audit_type.off_site_methods) == 2:
        mode = "off_site_both"
    elif audit_type.off_site_methods == ["summon_officials"]:
        mode = "off_site_summon"
    else:
        mode = "off_site_request"
    return [f"{common['audit_kind'][audit_type.kind]}, {common['audit_mode'][mode]}"]


@_lines.register(Period)
def _(period: Period, lang: Lang) -> list[str]:
    return [locale.format_period(period.start, period.end, lang)]


@_lines.register(DocumentRef)
def _(ref: DocumentRef, lang: Lang) -> list[str]:
    return [locale.format_dated_number(ref.date, ref.number, lang)]


@_lines.register(Conduct)
def _(conduct: Conduct, lang: Lang) -> list[str]:
    common = wording(lang, "common")
    return [
        locale.format_period(conduct.dates.start, conduct.dates.end, lang),
        *_lines(conduct.venue, lang),
        f"{common['audited_period']} {locale.format_period(conduct.audited_period.start, conduct.audited_period.end, lang)}",
    ]


@_lines.register(Finding)
def _(finding: Finding, lang: Lang) -> list[str]:
    kind = wording(lang, "common")["fact_kinds"][finding.kind]
    return [f"{kind[0].upper()}{kind[1:]}: {localize(finding.text, lang)}"]


@_lines.register(Familiarisation)
def _(record: Familiarisation, lang: Lang) -> list[str]:
    says = wording(lang, "common")["familiarisation"]
    seen = says["familiarised"] if record.familiarised else says["refused"]
    signed = f"{says['signed']} {SIGNATURE_LINE}" if record.signed else says["refused_to_sign"]
    return [f"{_lines(record.person, lang)[0]}: {seen}; {signed}"]


def _present(item: Item, field: str, value: Any, lang: Lang) -> list[str]:
    if item.style == "since":
        return [locale.format_since(value, lang)]
    if item.style == "number_date":
        return [locale.format_number_date(value.date, value.number, lang)]
    lines = _lines(value, lang)
    if item.style == "numbered" and field != "analysis":
        return [f"{n}) {line}" for n, line in enumerate(lines, 1)]
    return lines


# ----------------------------------------------------------------- blank values

def _blank(item: Item, field: str, lang: Lang) -> list[str]:
    if item.style == "since":
        return [locale.blank_since(lang)]
    if item.style == "number_date":
        return [locale.blank_number_date(lang)]
    if item.style == "inline":
        return [locale.blank_dated_number(lang) if field.endswith("notice") else locale.blank_period(lang)]
    if field == "analysis":
        return []
    if item.style == "signatures":  # the name's line leaves room for the line to sign on
        return [UNDERLINE[:-len(SIGNATURE_LINE) - 2]]
    return [UNDERLINE, UNDERLINE] if field in ("authority", "entity", "findings", "proposals") else [UNDERLINE]


# ---------------------------------------------------------------------- context

def context(form_id: str, data: AuditDocument | None, lang: Lang, *, with_notes: bool = False) -> dict[str, Any]:
    """The values the templates of form_id place, for data or, with None, for the blank form."""
    ctx: dict[str, Any] = {"with_notes": with_notes or data is None}
    for item in LAYOUTS[form_id]:
        for field in item.fields:
            if data is None:
                ctx[field] = _blank(item, field, lang)
            else:
                ctx[field] = _present(item, field, getattr(data, field), lang)
    if data is None:
        ctx.update(number="____", date=locale.blank_date(lang), place=UNDERLINE[:24])  # the line fits one line
    else:
        ctx.update(number=data.number, date=locale.format_quoted_date(data.date, lang))
        if "place" in TITLE_FIELDS[form_id]:
            ctx["place"] = localize(data.place, lang)
    return ctx
