"""The registry of forms: id, annex, schema, how its context is built, and checking case data against it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidData, UnknownForm
from ..locale import Lang
from . import audit, checklist, reports
from .schemas.audit import AUDIT_SCHEMAS
from .schemas.checklist import Checklist
from .schemas.common import Model
from .schemas.reports import REPORT_SCHEMAS
from .validation import missing_translations, validate_model


RULES_EDITION = "Order No. 78 of 08.12.2016, edition of Order No. 101 of 25.06.2024"
"""The Rules of state control over the quality of public services, in the edition the forms follow."""


@dataclass(frozen=True)
class FormSpec:
    id: str
    annex: int
    schema: type[Model]
    build_context: Callable[..., dict[str, Any]]
    """(form_id, data or None for a blank, lang, **options) -> the templates' context."""
    options: tuple[str, ...]
    """Template variables that are rendering options, not schema fields."""
    template_fields: dict[str, tuple[str, ...]]
    """Each template variable that carries case data, and the schema fields it is made from."""
    blank_options: tuple[str, ...] = ()
    """What a blank form may be given instead of data (a report's quarter and reporting body)."""
    formats: tuple[str, ...] = ("docx", "pdf", "html")
    act: str = ""
    """The act the form is an annex of, when it is not the Rules of state control."""
    edition: str = RULES_EDITION
    """The edition of the act the form is printed after, as the register records it."""

    @property
    def reference(self) -> str:
        """Where the law sets the form out: "Annex 7", or "Joint order 102/57, Annex 2"."""
        return f"{self.act}, Annex {self.annex}" if self.act else f"Annex {self.annex}"

    @property
    def title(self) -> str:
        """The form's title in English, for listings."""
        return self.title_in("en")

    def title_in(self, lang: Lang) -> str:
        """The form's title as its document in lang prints it (a report's: the form's name)."""
        from .wording import wording

        words = wording(lang, self.id)
        return words["title"] if "title" in words else words["header"]["form_name"]["value"]

    @property
    def short_title(self) -> str:
        return SHORT_TITLES[self.id]

    def context(self, data: Model | None, lang: Lang, **options: Any) -> dict[str, Any]:
        return self.build_context(self.id, data, lang, **options)


SHORT_TITLES = {
    "auditors-change": "notification of changes in the composition of auditors",
    "audit-start": "notification of the commencement of the audit",
    "audit-suspension": "notification of suspension of the audit period",
    "audit-resumption": "notification of resumption of the audit period",
    "audit-certificate": "certificate on the findings of the audit",
    "violations-request": "request to eliminate violations",
    "report-1mk": "quarterly report 1-mk: internal control",
    "report-2mk": "quarterly report 2-mk: services via the State Corporation",
    "report-3mk": "quarterly report 3-mk: services via partner organisations",
    "report-4mk": "quarterly report 4-mk: services rendered electronically",
    "checklist": "checklist in the sphere of public services",
}
"""What `formgen forms` lists: a line each (the full title with --long)."""


def _identity(schema: type[Model]) -> dict[str, tuple[str, ...]]:
    return {name: (name,) for name in schema.model_fields}


FORMS: dict[str, FormSpec] = {
    form_id: FormSpec(form_id, annex, AUDIT_SCHEMAS[form_id], audit.context, audit.OPTIONS,
                      _identity(AUDIT_SCHEMAS[form_id]))
    for annex, form_id in enumerate(audit.LAYOUTS, 1)
} | {
    report_id: FormSpec(report_id, schema.LAYOUT.annex, schema, reports.context, reports.OPTIONS,
                        reports.derived_fields(report_id), blank_options=("year", "quarter", "reporter"),
                        formats=("docx", "pdf", "html", "xlsx"))
    for report_id, schema in REPORT_SCHEMAS.items()
} | {
    "checklist": FormSpec("checklist", 2, Checklist, checklist.context, checklist.OPTIONS, checklist.TEMPLATE_FIELDS,
                          act="Joint order 102/57", edition="Joint order No. 102 / No. 57 of 04.05.2023"),
}


def get_form(form_id: str) -> FormSpec:
    """The form form_id; UnknownForm for any other id, a value that is no text included."""
    spec = FORMS.get(form_id) if isinstance(form_id, str) else None
    if spec is None:
        raise UnknownForm(form_id, list(FORMS))
    return spec


def validate(form_id: str, data: Mapping[str, Any] | Model, lang: Lang | None = None) -> Model:
    """The case data checked against form_id's schema; with lang, also that every text exists in it.

    Raises InvalidData listing every problem, each with its field path.
    """
    model = validate_model(get_form(form_id).schema, data)
    if lang is not None:
        problems = missing_translations(model, lang)
        if problems:
            raise InvalidData(problems)
    return model
