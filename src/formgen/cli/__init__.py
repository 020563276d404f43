"""The formgen command line: a thin layer over the library (formgen.api).

Every command reports bad input the same way: one line per problem on
stderr and exit status 2.  A command's module is imported only when that
command runs (or help lists it), so `formgen --version` loads no form.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from ..errors import FormgenError, InvalidData
from ..locale import LANGS

EXIT_BAD_INPUT = 2

_COMMANDS = {
    "forms": "documents:list_forms",
    "schema": "documents:schema",
    "validate": "documents:validate",
    "render": "documents:render",
    "example": "documents:example",
    "examples": "documents:examples",
    "bulk": "quarterly:bulk",
    "consolidate": "quarterly:consolidate",
    "deadline": "procedure:deadline_command",
    "risk": "procedure:risk_command",
    "issue": "register:issue",
    "verify": "register:verify",
    "register": "register:register_group",
    "serve": "service:serve",
    "users": "users:users",
    "tokens": "users:tokens",
}
"""Command name → "module:object" under formgen.cli."""


def report_problems_in(lang: str | None) -> None:
    """The language a command was asked for (its --lang): its problems are reported in it."""
    if lang is not None:
        click.get_current_context().meta["formgen.lang"] = lang


def _messages_lang(ctx: click.Context) -> str:
    """The command's --lang, else the locale's language (LC_ALL, LC_MESSAGES, LANG) when kk, ru or en, else en."""
    if "formgen.lang" in ctx.meta:
        return ctx.meta["formgen.lang"]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value[:2] if value[:2] in LANGS else "en"
    return "en"


class _Main(click.Group):
    """Commands loaded when used; bad input ends with one line per problem on stderr and exit status 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        module, attribute = _COMMANDS[name].split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), attribute)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidData as error:
            from ..forms.messages import translated

            for problem in translated(error.problems, _messages_lang(ctx)):
                click.echo(f"error: {problem}", err=True)
        except FormgenError as error:
            click.echo(f"error: {error}", err=True)
        ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=_Main)
@click.version_option(package_name="formgen")
def main() -> None:
    """Official documents of state control over the quality of public services."""
