"""The registry of forms: id, annex, schema, and how its context is built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import documents
from .errors import UnknownForm
from .locale import Lang
from .schemas.audit import AUDIT_SCHEMAS
from .schemas.common import Model


@dataclass(frozen=True)
class FormSpec:
    id: str
    annex: int
    schema: type[Model]
    build_context: Callable[..., dict[str, Any]]
    """(form_id, data or None for a blank, lang, **options) -> the templates' context."""
    options: tuple[str, ...]
    """Template variables that are rendering options, not schema fields."""

    @property
    def title(self) -> str:
        """The form's title in English, for listings."""
        from .wording import wording

        return wording("en", self.id)["title"]

    def context(self, data: Model | None, lang: Lang, **options: Any) -> dict[str, Any]:
        return self.build_context(self.id, data, lang, **options)


FORMS: dict[str, FormSpec] = {
    form_id: FormSpec(form_id, annex, AUDIT_SCHEMAS[form_id], documents.context, documents.OPTIONS)
    for annex, form_id in enumerate(documents.LAYOUTS, 1)
}


def get_form(form_id: str) -> FormSpec:
    try:
        return FORMS[form_id]
    except KeyError:
        raise UnknownForm(form_id, list(FORMS)) from None
