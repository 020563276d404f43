"""The one Jinja environment every template renders in.

Sandboxed, so a template can reach no Python internals; autoescaping, so a
value holding `<` or `&` stays text in HTML and in DOCX XML alike; strict, so a
template naming a field its context lacks fails instead of printing nothing.
Values are only ever passed as data: nothing a user typed is parsed as a
template.
"""

from __future__ import annotations

import functools

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..resources import TEMPLATES_DIR


def _env(**kwargs) -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, **kwargs)


@functools.cache
def html_env() -> SandboxedEnvironment:
    """Loads HTML templates from templates/ and nowhere else."""
    return _env(loader=FileSystemLoader(TEMPLATES_DIR))


@functools.cache
def docx_env() -> SandboxedEnvironment:
    """docxtpl hands it the XML of a Word template as a string."""
    return _env()
