"""Persons' names in each language: as given, or, in an English document given only a
Cyrillic name, transliterated by the table of data/transliteration.yaml.

A name is a text like any other (once, or per language); the Kazakh and
Russian documents print it as given.  An English document prints its English
spelling, or else transliterates the Kazakh (failing that, the Russian) one,
and ``transliterated`` lists where it did so, for the warning a user sees.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..locale import Lang
from ..resources import DATA_DIR, read_yaml
from .schemas.common import Person, localize

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")


@functools.cache
def _letters() -> dict[str, str]:
    return read_yaml(DATA_DIR / "transliteration.yaml")["letters"]


def _latin_word(word: str) -> str:
    letters = _letters()
    if not _CYRILLIC.search(word):
        return word
    capitals = len(word) > 1 and word.isupper()
    out = []
    for letter in word:
        latin = letters.get(letter.lower(), letter)
        if letter.isupper():
            latin = latin.upper() if capitals else latin.capitalize()
        out.append(latin)
    return "".join(out)


def transliterate(text: str) -> str:
    """text with its Cyrillic words in Latin letters: "Жұмабекова" → "Zhumabekova"."""
    return _WORD.sub(lambda m: _latin_word(m.group()), text)


def _source(name: str | dict[str, str]) -> str:
    """The spelling an English document transliterates: the name, or its Kazakh (else Russian) text."""
    if isinstance(name, str):
        return name
    return name.get("kk") or name.get("ru") or next(iter(name.values()))


def needs_transliteration(name: str | dict[str, str], lang: Lang) -> bool:
    return lang == "en" and not (isinstance(name, dict) and "en" in name) and bool(_CYRILLIC.search(_source(name)))


def name_in(name: str | dict[str, str] | None, lang: Lang) -> str:
    """A name as a document in lang prints it."""
    if name is None:
        return ""
    if needs_transliteration(name, lang):
        return transliterate(_source(name))
    if lang == "en" and isinstance(name, dict) and "en" not in name:
        return _source(name)  # a Latin spelling given under another language
    return localize(name, lang)


def full_name(person: Person, lang: Lang) -> str:
    """Surname, first name and patronymic (if any), as a document in lang prints them."""
    return " ".join(name_in(part, lang) for part in (person.surname, person.first_name, person.patronymic) if part)


@dataclass(frozen=True)
class Transliteration:
    """Where an English document transliterated a name: the path of the person (or field), the fields, the
    name as given and as printed."""

    path: str
    fields: tuple[str, ...]
    given: str
    printed: str

    def __str__(self) -> str:
        return (f"{self.path} ({', '.join(self.fields)}): no English spelling given; {self.given!r} printed as "
                f"{self.printed!r}, transliterated as in Kazakhstan's identity documents")


def transliterated(value: Any, lang: Lang, path: str = "") -> list[Transliteration]:
    """Every person (or name field) in value whose name a document in lang prints transliterated."""
    if isinstance(value, BaseModel):
        names = getattr(value, "NAME_FIELDS", ())
        parts = [(field, getattr(value, field)) for field in names]
        parts = [(field, name) for field, name in parts if name is not None and needs_transliteration(name, lang)]
        found = [Transliteration(path, tuple(field for field, _ in parts), " ".join(_source(n) for _, n in parts),
                                 " ".join(name_in(n, lang) for _, n in parts))] if parts else []
        for field in type(value).model_fields:
            if field not in names:
                found += transliterated(getattr(value, field), lang, f"{path}.{field}" if path else field)
        return found
    if isinstance(value, (list, tuple)):
        return [t for i, element in enumerate(value) for t in transliterated(element, lang, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [t for key, element in value.items() for t in transliterated(element, lang, f"{path}.{key}")]
    return []
