"""The documents of one audit in their order, and what a next document takes over from the one before.

Notice (or change of auditors) → suspension → resumption → certificate →
request: the authority, the auditors, the specialists and the subject stay
the same; the notice a later document cites is the notice itself; the
suspension a resumption cites is that suspension.  A document's own number,
date and place are never carried over.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import FormgenError
from ..forms.schemas.audit import AUDIT_SCHEMAS

ORDER = ("audit-start", "auditors-change", "audit-suspension", "audit-resumption", "audit-certificate",
         "violations-request")
OWN = ("number", "date", "place")
"""A document's own identity: never taken over."""
_CITED_AS = {"audit-start": "start_notice", "auditors-change": "start_notice", "audit-suspension": "suspension_notice"}
"""The reference under which a later document cites this one."""


def next_forms(form_id: str) -> tuple[str, ...]:
    """The audit documents that may follow form_id (every later one in the order)."""
    if form_id not in ORDER:
        return ()
    return tuple(f for f in ORDER[ORDER.index(form_id) + 1:] if f != "auditors-change") + (
        ("auditors-change",) if form_id == "audit-start" else ())


def carry_over(form_id: str, data: Mapping[str, Any], to: str) -> dict[str, Any]:
    """The start of a `to` document from form_id's data (which need not be complete or valid)."""
    if to not in next_forms(form_id):
        raise FormgenError(f"{to} does not follow {form_id}; after it come {', '.join(next_forms(form_id)) or 'none'}")
    fields = AUDIT_SCHEMAS[to].model_fields
    carried = {k: v for k, v in data.items() if k in fields and k not in OWN}
    cited_as = _CITED_AS.get(form_id)
    if cited_as in fields and data.get("number") and data.get("date"):
        carried[cited_as] = {"number": data["number"], "date": data["date"]}
    if "conduct" in fields and "conduct" not in carried and isinstance(data.get("audit_period"), Mapping):
        carried["conduct"] = {"dates": data["audit_period"],
                              **({"audited_period": data["audited_period"]} if "audited_period" in data else {})}
    return carried
