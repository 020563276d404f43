"""Schemas of the audit documents, Annexes 1–6 of the Rules (Order No. 78,
edition of Order No. 101 of 25 June 2024).

Field names follow the numbered items of the forms; the item a field fills is
said in its description, so the JSON Schema reads like the form.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError as Invalid

from ..limits import LIMITS
from .common import AuditType, Date, DocumentRef, Entity, Model, Name, Period, Person, Specialist, Str, Text

_LISTS = LIMITS.lists


class AuditDocument(Model):
    """What every audit document has: its number and date, the authority, the auditors."""

    number: Str = Field(description="the document's registration number")
    date: Date = Field(description="the document's date")
    authority: Name = Field(description="item 1: the authorised body or its territorial unit")
    auditors: list[Person] = Field(min_length=1, max_length=_LISTS.auditors,
                                   description="persons authorised to conduct the audit")
    specialists: list[Specialist] = Field(default_factory=list, max_length=_LISTS.specialists,
                                          description="professionals, consultants and experts engaged")
    entity: Entity = Field(description="the subject of state control, its facilities, location, IIN/BIN, territory")


class AuditNotice(AuditDocument):
    """Annex 2: notification of the commencement of the audit."""

    subject: Text = Field(description="item 5: the scope (subject) of the assigned audit")
    audit_type: AuditType = Field(description="item 6")
    audit_period: Period = Field(description="item 7: the period of the audit")
    grounds: Text = Field(description="item 8: grounds for conducting the audit")
    audited_period: Period = Field(description="item 9: the period under audit")
    signatory: Person = Field(description="item 10: the person authorised to sign")


class AuditorsChange(AuditNotice):
    """Annex 1: notification of changes in the composition of auditors (the new composition in item 2)."""


class AuditSuspension(AuditDocument):
    """Annex 3: notification of suspension of the audit period."""

    start_notice: DocumentRef = Field(description="item 5: the notification of the commencement of the audit")
    audit_period: Period = Field(description="item 6")
    suspended_from: Date = Field(description="item 7: the audit period is suspended from this date")
    suspension_reason: Text = Field(description="item 8")
    signatory: Person = Field(description="item 9")

    @field_validator("suspended_from")
    @classmethod
    def _within_audit(cls, suspended: dt.date, info: ValidationInfo) -> dt.date:
        period = info.data.get("audit_period")
        if period is not None and not period.start <= suspended <= period.end:
            raise Invalid("outside_audit_period", "{date} is outside the audit period {start}–{end}",
                          {"date": suspended.isoformat(), "start": period.start.isoformat(),
                           "end": period.end.isoformat()})
        return suspended


class AuditResumption(AuditDocument):
    """Annex 4: notification of resumption of the audit period."""

    start_notice: DocumentRef = Field(description="item 5")
    suspension_notice: DocumentRef = Field(description="item 6: the notification of suspension")
    suspended_from: Date = Field(description="item 7")
    resumed: Period = Field(description="item 8: the audit period is resumed from … to …")

    signatory: Person = Field(description="item 9")

    @field_validator("resumed")
    @classmethod
    def _after_suspension(cls, resumed: Period, info: ValidationInfo) -> Period:
        suspended = info.data.get("suspended_from")
        if suspended is not None and resumed.start < suspended:
            raise Invalid("resumed_before_suspension", "resumes on {resumed}, before the suspension of {suspended}",
                          {"resumed": resumed.start.isoformat(), "suspended": suspended.isoformat()})
        return resumed


class Conduct(Model):
    """Item 7 of the certificate and the request: date, venue and period of the audit."""

    dates: Period = Field(description="when the audit was carried out")
    venue: Name
    audited_period: Period = Field(description="the period the audit covered")


class Finding(Model):
    """A fact found, tagged with one of the 17 kinds of the certificate's completion notes."""

    kind: int = Field(ge=1, le=17, description="1–17, paragraph 3 of the completion notes")
    text: Text


class Familiarisation(Model):
    """Item 10 of the certificate: who saw it, and whether they signed."""

    person: Person
    familiarised: bool = True
    signed: bool = True


class AuditFindings(AuditDocument):
    """What the certificate and the request share."""

    start_notice: DocumentRef = Field(description="item 2: the notification under which the audit was conducted")
    audit_period: Period = Field(description="item 6: the time limit of the audit")
    conduct: Conduct = Field(description="item 7")
    findings: list[Finding] = Field(default_factory=list, max_length=_LISTS.findings,
                                    description="item 8: facts found, with their kinds")
    analysis: Text | None = Field(None, description="item 8: analysis of the objective and subjective causes and their consequences")


class AuditCertificate(AuditFindings):
    """Annex 5: certificate on the findings of the audit."""

    place: Name = Field(description="where the certificate was drawn up")
    familiarisation: list[Familiarisation] = Field(default_factory=list, max_length=_LISTS.familiarisation,
                                                   description="item 10")


class ViolationsRequest(AuditFindings):
    """Annex 6: request to eliminate violations ("I HEREBY PROPOSE")."""

    proposals: list[Text] = Field(min_length=1, max_length=_LISTS.proposals,
                                  description="item 9: what the subject is to do")
    signatory: Person = Field(description="item 10")


AUDIT_SCHEMAS: dict[str, type[AuditDocument]] = {
    "auditors-change": AuditorsChange,
    "audit-start": AuditNotice,
    "audit-suspension": AuditSuspension,
    "audit-resumption": AuditResumption,
    "audit-certificate": AuditCertificate,
    "violations-request": ViolationsRequest,
}
