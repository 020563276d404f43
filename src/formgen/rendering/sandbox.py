"""The one Jinja environment every template renders in.

Sandboxed, so a template can reach no Python internals; autoescaping, so a
value holding `<` or `&` stays text in HTML and in DOCX XML alike; strict, so a
template naming a field its context lacks fails instead of printing nothing.
Values are only ever passed as data: nothing a user typed is parsed as a
template.

Every value a template prints goes through the environment's finalize: it is
typeset (no-break spaces where a line must not break, typesetting.tie), and a
newline inside it (the schemas make every line break one) prints as a line
break within the same paragraph or cell, in DOCX (``<w:br/>``) and HTML
(``<br>``) alike, so that a text is always one item.  The Kazakh HTML
templates pass table labels through the ``kk_hyphens`` filter, soft hyphens at
syllable boundaries.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..resources import TEMPLATES_DIR
from ..typesetting import hyphenate_kk, tie

DOCX_BREAK = Markup('</w:t><w:br/><w:t xml:space="preserve">')
"""A line break inside a run of a Word paragraph: ends the text, breaks, starts a new text."""

HTML_BREAK = Markup("<br>")


def _printing(line_break: Markup) -> Callable[[Any], Any]:
    """finalize: a value typeset, its newlines as line_break, the rest escaped as autoescape would."""
    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):  # a filter's output (join): its values are already escaped
            return Markup(value.replace("\n", line_break))
        if isinstance(value, str):
            typeset = tie(value)
            if "\n" not in typeset:  # most values (a report's thousands of numbers): one line
                return escape(typeset)
            return line_break.join(escape(line) for line in typeset.split("\n"))
        return value
    return finalize


def _env(line_break: Markup, **kwargs) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                               finalize=_printing(line_break), **kwargs)
    env.filters["kk_hyphens"] = lambda text: hyphenate_kk(tie(text))
    return env


@functools.cache
def html_env() -> SandboxedEnvironment:
    """Loads HTML templates from templates/ and nowhere else."""
    return _env(HTML_BREAK, loader=FileSystemLoader(TEMPLATES_DIR))


@functools.cache
def docx_env() -> SandboxedEnvironment:
    """docxtpl hands it the XML of a Word template as a string."""
    return _env(DOCX_BREAK)
