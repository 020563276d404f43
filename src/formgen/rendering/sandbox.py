"""The one Jinja environment every template renders in.

Sandboxed, so a template can reach no Python internals; autoescaping, so a
value holding `<` or `&` stays text in HTML and in DOCX XML alike; strict, so a
template naming a field its context lacks fails instead of printing nothing.
Values are only ever passed as data: nothing a user typed is parsed as a
template.  Every printed value is typeset on the way out: no-break spaces where
a line must not break (typesetting.tie); the Kazakh HTML templates pass table
labels through the ``kk_hyphens`` filter, soft hyphens at syllable boundaries.
"""

from __future__ import annotations

import functools

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..resources import TEMPLATES_DIR
from ..typesetting import hyphenate_kk, tie


def _typeset(value: object) -> object:
    """A printed value with its no-break spaces; markup and non-text values pass unchanged."""
    return tie(value) if type(value) is str else value


def _env(**kwargs) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                               finalize=_typeset, **kwargs)
    env.filters["kk_hyphens"] = lambda text: hyphenate_kk(tie(text))
    return env


@functools.cache
def html_env() -> SandboxedEnvironment:
    """Loads HTML templates from templates/ and nowhere else."""
    return _env(loader=FileSystemLoader(TEMPLATES_DIR))


@functools.cache
def docx_env() -> SandboxedEnvironment:
    """docxtpl hands it the XML of a Word template as a string."""
    return _env()
