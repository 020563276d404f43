"""The limits on case data and on one render: data/limits.yaml, checked when loaded.

The schemas enforce them field by field (a text's length, a list's items,
the dates), validation enforces the limits of a document as a whole, and
formgen.render_isolated the limits of one render.  Each is in one place here;
the README's "Limits" section says why each is what it is.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from ..resources import DATA_DIR, read_yaml


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateLimits(_Part):
    earliest: dt.date
    latest: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> DateLimits:
        if self.latest <= self.earliest:
            raise ValueError("dates.latest must come after dates.earliest")
        return self


class TextLimits(_Part):
    line: PositiveInt
    name: PositiveInt
    text: PositiveInt


class ListLimits(_Part):
    auditors: PositiveInt
    specialists: PositiveInt
    facilities: PositiveInt
    findings: PositiveInt
    proposals: PositiveInt
    familiarisation: PositiveInt
    officials: PositiveInt
    providers: PositiveInt
    services: PositiveInt
    subtypes: PositiveInt


class DocumentLimits(_Part):
    depth: PositiveInt
    values: PositiveInt
    characters: PositiveInt
    printed_characters: PositiveInt
    rows: PositiveInt


class RenderLimits(_Part):
    seconds: float = Field(gt=0)
    memory_mib: PositiveInt


class Limits(_Part):
    dates: DateLimits
    report_first_year: int
    report_cell_max: PositiveInt
    text: TextLimits
    lists: ListLimits
    document: DocumentLimits
    render: RenderLimits


LIMITS = Limits.model_validate(read_yaml(DATA_DIR / "limits.yaml"))


def date_out_of_range(value: dt.date) -> str | None:
    """Why value is refused as a date of the procedure, or None when it is within the limits."""
    earliest, latest = LIMITS.dates.earliest, LIMITS.dates.latest
    if earliest <= value <= latest:
        return None
    return f"{value.isoformat()} is outside the dates formgen accepts ({earliest.isoformat()} to {latest.isoformat()})"


def too_many(count: int, limit: int, what: str) -> str | None:
    """The message for count things where at most limit are allowed, or None when within it."""
    return f"has {count:,} {what}; at most {limit:,} are allowed" if count > limit else None
