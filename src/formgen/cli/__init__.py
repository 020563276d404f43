"""The formgen command line: a thin layer over the library (formgen.api).

Every command reports bad input the same way: one line per problem on
stderr and exit status 2.
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import FormgenError, InvalidData
from .documents import examples, list_forms, render, schema, validate
from .procedure import deadline_command, risk_command
from .quarterly import bulk, consolidate

EXIT_BAD_INPUT = 2


class _Main(click.Group):
    """Bad input ends with one line per problem on stderr and exit status 2, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidData as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
        except FormgenError as error:
            click.echo(f"error: {error}", err=True)
        ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=_Main)
@click.version_option(package_name="formgen")
def main() -> None:
    """Official documents of state control over the quality of public services."""


for command in (list_forms, schema, validate, render, examples, bulk, consolidate, deadline_command, risk_command):
    main.add_command(command)
