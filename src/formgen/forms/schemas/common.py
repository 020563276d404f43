"""Building blocks shared by the schemas of every form.

Each type checks what a clerk can get wrong (an IIN/BIN check digit, an end
before a start, a character no document can hold, a text too long to print)
so that the error names the field, long before a renderer sees the value.
The limits come from data/limits.yaml (forms/limits.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError as Invalid

from ...errors import Problem
from ...locale import LANGS, Lang
from ..limits import LIMITS, date_out_of_range

# Control characters (Unicode's Cc, C0 and C1 alike) other than tab and the line
# breaks, the surrogates and the noncharacters: XML cannot hold some (Word then
# refuses the file) and the rest print as nothing, so all are refused.
_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(17))  # U+FFFE, U+FFFF of every plane
    + "]"
)

# Characters that print as nothing (Unicode's Default_Ignorable_Code_Point: zero-width
# space and joiners, word joiner, BOM, soft hyphen, bidi marks, variation selectors,
# fillers): a text made only of them and white space is empty.
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    r"\U0001d173-\U0001d17a\U000e0000-\U000e0fff\s]"
)


def _printable(value: str) -> str:
    bad = _UNPRINTABLE.search(value)
    if bad:
        raise Invalid("text_control_character", "contains the control character {character} at position "
                      "{position}, which a document cannot print",
                      {"character": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1})
    return value


def _one_break_a_line(value: str) -> str:
    """Line breaks of any kind (CR LF, CR, U+2028, U+2029) as one newline, blank lines and the
    white space around each line left out: a newline prints as a line break within the value."""
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


def _visible(value: str) -> str:
    if not _INVISIBLE.sub("", value):
        raise Invalid("text_empty", "is empty: it holds only white space or invisible characters")
    return value


def _line(max_length: int) -> Any:
    """Text in one language: printable, not empty, at most max_length characters."""
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length),
                     AfterValidator(_printable), AfterValidator(_one_break_a_line), AfterValidator(_visible)]


Str = _line(LIMITS.text.line)
"""A short text in one language: a person's name, a document number, a phone, an e-mail."""


def _some_language(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and not value:
        raise Invalid("text_without_language", "give the text at least in one of {langs}", {"langs": ", ".join(LANGS)})
    return value


_TEXT_SHAPE_MESSAGE = f"must be text, or an object with the text per language ({', '.join(LANGS)})"


def _text_shape(value: Any) -> str | None:
    """Which kind of text value is: the same in every language, per language, or neither (an error)."""
    if isinstance(value, str):
        return "every language"
    if isinstance(value, dict):
        return "per language"
    return None


def _text(max_length: int) -> Any:
    """Text once for every language, or per language: {"kk": …, "ru": …, "en": …}.

    Told apart by the value's own type, so that an error is reported for the
    kind of text given, never for the other kind as well.
    """
    line = _line(max_length)
    return Annotated[
        Annotated[line, Tag("every language")] | Annotated[dict[Lang, line], Tag("per language")],
        Discriminator(_text_shape, custom_error_type="text_type", custom_error_message=_TEXT_SHAPE_MESSAGE),
        AfterValidator(_some_language),
    ]


PersonName = _text(LIMITS.text.line)
"""A person's surname, first name or patronymic, once or per language.  Kazakh and Russian documents print it
as given; an English document without an English spelling transliterates a Cyrillic one (forms/names.py)."""

Name = _text(LIMITS.text.name)
"""The name of a body, organisation, service or place, a position or an address, in each language."""

Text = _text(LIMITS.text.text)
"""Free text (grounds, findings, proposals …), once for every language or per language.

A document in a language the dict lacks is refused, never filled from another.
"""

TEXT_TAGS = ("every language", "per language")
"""What pydantic puts in an error's location to say which kind of text it concerns."""


def localize(text: str | dict[str, str], lang: Lang) -> str:
    """The text in lang; the schema check has already made sure it is there."""
    return text if isinstance(text, str) else text[lang]


def _in_range(value: dt.date) -> dt.date:
    if date_out_of_range(value):
        raise Invalid("date_out_of_range", "{value} is outside the dates formgen accepts ({earliest} to {latest})",
                      {"value": value.isoformat(), "earliest": LIMITS.dates.earliest.isoformat(),
                       "latest": LIMITS.dates.latest.isoformat()})
    return value


Date = Annotated[dt.date, AfterValidator(_in_range)]
"""A date (ISO, 2026-02-16) within the limits: the edges of the calendar are no dates of an audit."""


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
    if not re.fullmatch(r"[0-9]{12}", value):
        raise Invalid("iin_bin_digits", "an IIN/BIN is 12 digits 0-9")
    expected = iin_bin_check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise Invalid("iin_bin_check_digit", "the check digit (the 12th) does not match the first 11 digits")
    return value


IinBin = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_valid_iin_bin)]


class Model(BaseModel):
    """Strict about unknown keys, so that a misspelt field is an error, not a blank."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    NAME_FIELDS: ClassVar[tuple[str, ...]] = ()
    """The fields that hold a person's name (PersonName): an English document may transliterate them."""

    def problems(self) -> list[Problem]:
        """What is wrong across fields beyond what each field checks; none by default."""
        return []


class Person(Model):
    NAME_FIELDS = ("surname", "first_name", "patronymic")

    surname: PersonName
    first_name: PersonName
    patronymic: PersonName | None = Field(None, description="if any")
    position: Name


class Specialist(Person):
    """A professional, consultant or expert engaged in the audit."""

    kind: Literal["specialist", "consultant", "expert"]
    organisation: Name | None = None


class Entity(Model):
    """The subject of state control and the facilities audited."""

    name: Name = Field(description="legal entity, branch or representative office, or the natural person's full name")
    facilities: list[Name] = Field(default_factory=list, max_length=LIMITS.lists.facilities)
    location: Name
    iin_bin: IinBin
    territory: Name | None = Field(None, description="area of the territory, where the audit covers one")


class Period(Model):
    start: Date
    end: Date

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
    date: Date


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
