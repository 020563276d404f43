"""Schema of the checklist in the sphere of public services: Annex 2 of the
joint order No. 102 / No. 57 of 4 May 2023 (seed 002, from line 745).

The form's header names the state body, the body that appointed the audit or
the preventive control, the act of appointment (number and date) and the
subject of control; its table marks each of the 19 requirements "meets" or
"does not meet"; the officials and the subject's head sign below.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..limits import LIMITS
from .common import DocumentRef, IinBin, Model, Name, Person

REQUIREMENTS = 19
"""Rows of the checklist's table of requirements (the wording holds their text)."""

RequirementNumber = Annotated[int, Field(ge=1, le=REQUIREMENTS)]
Mark = Literal["meets", "fails"]


class ChecklistSubject(Model):
    """The subject (object) of control and supervision."""

    name: Name
    iin_bin: IinBin = Field(description="IIN of a natural person, BIN of a legal entity")
    address: Name = Field(description="address of location")


class Checklist(Model):
    """Annex 2 of joint order No. 102/57: checklist in the sphere of public services."""

    state_body: Name = Field(description="the state body the checklist is applied in respect of")
    appointing_body: Name = Field(
        description="the state body that appointed the audit / preventive control with a visit to the subject")
    act: DocumentRef = Field(description="the act on the appointment of the audit / preventive control: No. and date")
    entity: ChecklistSubject
    results: dict[RequirementNumber, Mark] = Field(
        min_length=1, description="requirement number (1–19) → meets / fails; a requirement left out does not "
        "apply to the subject and both its columns stay empty")
    officials: list[Person] = Field(min_length=1, max_length=LIMITS.lists.officials,
                                    description="the official(s) who filled in the checklist")
    head: Person = Field(description="the head of the subject of control and supervision")
