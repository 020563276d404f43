"""Errors that reach users: each names the field path and the reason."""

from __future__ import annotations

import reprlib
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
    """A form id formgen does not know (or a value that is no id at all)."""

    def __init__(self, form_id: object, known: list[str]):
        self.form_id, self.known = form_id, known
        shown = reprlib.repr(form_id)  # shortened: an id may be anything a caller passed
        super().__init__(f"unknown form {shown}; known forms: {', '.join(known)}")

    def __reduce__(self):  # crosses process boundaries whole (formgen.render_isolated)
        return type(self), (self.form_id, self.known)


class InvalidData(FormgenError):
    """The case data does not fit the form's schema; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):
        return type(self), (self.problems,)


class RenderLimitExceeded(FormgenError):
    """A render stopped at its time or memory limit (formgen.render_isolated)."""


class LateDocument(UserWarning):
    """A document dated later than a time limit of the Rules allows (an error with strict=True)."""


class Transliterated(UserWarning):
    """An English document printed a name given only in Cyrillic, transliterated; the message names the field."""
