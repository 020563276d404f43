"""Errors that reach users: each names the field path and the reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (a dotted field path) and why.

    code and params name the problem for translation (formgen.forms.messages);
    message is its English text.
    """

    path: str
    message: str
    code: str | None = field(default=None, compare=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FormgenError(Exception):
    """Base of every error formgen raises on purpose."""


class UnknownForm(FormgenError):
    def __init__(self, form_id: str, known: list[str]):
        super().__init__(f"unknown form {form_id!r}; known forms: {', '.join(known)}")


class InvalidData(FormgenError):
    """The case data does not fit the form's schema; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LateDocument(UserWarning):
    """A document dated later than a time limit of the Rules allows (an error with strict=True)."""


class Transliterated(UserWarning):
    """An English document printed a name given only in Cyrillic, transliterated; the message names the field."""
