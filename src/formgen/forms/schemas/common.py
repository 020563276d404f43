"""Building blocks shared by the schemas of every form.

Each type checks what a clerk can get wrong (an IIN/BIN check digit, an end
before a start, a character no document can hold) so that the error names the
field, long before a renderer sees the value.
"""

from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError as Invalid

from ...errors import Problem
from ...locale import LANGS, Lang

# XML 1.0 allows tab, newline and carriage return; every other C0 control, the
# surrogates and U+FFFE/U+FFFF make a DOCX that Word refuses to open.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    bad = _XML_FORBIDDEN.search(value)
    if bad:
        raise Invalid("text_control_character", "contains the control character {character} at position "
                      "{position}, which a document cannot hold",
                      {"character": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1})
    return value


Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_xml_safe)]
"""A non-empty line of text that any output format can hold."""


def _some_language(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and not value:
        raise Invalid("text_without_language", "give the text at least in one of {langs}", {"langs": ", ".join(LANGS)})
    return value


Text = Annotated[Str | dict[Lang, Str], AfterValidator(_some_language)]
"""Free text, once for every language or per language: {"kk": …, "ru": …, "en": …}.

A document in a language the dict lacks is refused, never filled from another.
"""


Name = Text
"""A person's name, once or per language.  Kazakh and Russian documents print it as given; an English
document without an English spelling transliterates a Cyrillic one (forms/names.py)."""


def localize(text: str | dict[str, str], lang: Lang) -> str:
    """The text in lang; the schema check has already made sure it is there."""
    return text if isinstance(text, str) else text[lang]


_IIN_BIN_WEIGHTS = (tuple(range(1, 12)), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))


def iin_bin_check_digit(first11: str) -> int | None:
    """The 12th digit of an IIN/BIN, or None when the number can have none."""
    digits = [int(c) for c in first11]
    for weights in _IIN_BIN_WEIGHTS:
        remainder = sum(d * w for d, w in zip(digits, weights)) % 11
        if remainder != 10:
            return remainder
    return None


def _valid_iin_bin(value: str) -> str:
    if not re.fullmatch(r"\d{12}", value):
        raise Invalid("iin_bin_digits", "an IIN/BIN is 12 digits")
    expected = iin_bin_check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise Invalid("iin_bin_check_digit", "the check digit (the 12th) does not match the first 11 digits")
    return value


IinBin = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_valid_iin_bin)]


class Model(BaseModel):
    """Strict about unknown keys, so that a misspelt field is an error, not a blank."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    NAME_FIELDS: ClassVar[tuple[str, ...]] = ()
    """The fields that hold a person's name (Name): an English document may transliterate them."""

    def problems(self) -> list[Problem]:
        """What is wrong across fields beyond what each field checks; none by default."""
        return []


class Person(Model):
    NAME_FIELDS = ("surname", "first_name", "patronymic")

    surname: Name
    first_name: Name
    patronymic: Name | None = Field(None, description="if any")
    position: Text


class Specialist(Person):
    """A professional, consultant or expert engaged in the audit."""

    kind: Literal["specialist", "consultant", "expert"]
    organisation: Text | None = None


class Entity(Model):
    """The subject of state control and the facilities audited."""

    name: Text = Field(description="legal entity, branch or representative office, or the natural person's full name")
    facilities: list[Text] = Field(default_factory=list)
    location: Text
    iin_bin: IinBin
    territory: Text | None = Field(None, description="area of the territory, where the audit covers one")


class Period(Model):
    start: dt.date
    end: dt.date

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise Invalid("end_before_start", "the end ({end}) is before the start ({start})",
                          {"end": end.isoformat(), "start": start.isoformat()})
        return end


class DocumentRef(Model):
    """Number and date of an earlier document of the same audit."""

    number: Str
    date: dt.date


class AuditType(Model):
    kind: Literal["planned", "unscheduled"]
    on_site: bool = Field(description="true: with a visit to the subject; false: summoning officials and/or requesting materials")
    off_site_methods: list[Literal["summon_officials", "request_materials"]] = Field(default_factory=list, validate_default=True)

    @field_validator("off_site_methods")
    @classmethod
    def _methods_match_mode(cls, methods: list[str], info: ValidationInfo) -> list[str]:
        on_site = info.data.get("on_site")
        if on_site and methods:
            raise Invalid("on_site_with_off_site_methods", "an audit with an on-site visit has no off-site methods")
        if on_site is False and not methods:
            raise Invalid("off_site_without_methods",
                          "an audit without an on-site visit names summon_officials and/or request_materials")
        if len(set(methods)) != len(methods):
            raise Invalid("method_named_twice", "a method is named twice")
        return methods
