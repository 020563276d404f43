"""The options every command spells alike: --data is what a command reads,
-o/--output what it writes, --mkdir lets it create the output's folder, and
--format follows the output's extension unless given (a mismatch is an error).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import FormgenError

FILE_FORMATS = ("docx", "pdf", "html", "xlsx", "json")
"""Every extension formgen writes; a name ending in one of them says its format."""

def complete_form_id(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of a FORM_ID argument."""
    from ..forms import FORMS

    return [form_id for form_id in FORMS if form_id.startswith(incomplete)]


form_id_argument = click.argument("form_id", shell_complete=complete_form_id)
mkdir_option = click.option("--mkdir", is_flag=True, help="Create the output's folder (and its parents) if missing.")


def data_option(help: str, *aliases: str, required: bool = False, metavar: str = "CASE.json"):
    return click.option("--data", *aliases, "data", metavar=metavar, required=required, help=help)


def output_option(help: str, *aliases: str, required: bool = True, **kwargs):
    return click.option("--output", "-o", *aliases, "output", required=required, help=help, **kwargs)


def output_format(output: str, fmt: str | None, allowed: tuple[str, ...], stdout_default: str) -> str:
    """The format to write: --format if given, else the output's extension; they must agree."""
    extension = Path(output).suffix.lower().lstrip(".") if output != "-" else ""
    if fmt is None:
        if extension in allowed:
            return extension
        if output == "-":
            return stdout_default
        raise FormgenError(f"{output}: the name does not say the format; name the file "
                           f"{' or '.join('.' + f for f in allowed)}, or give --format")
    if extension in FILE_FORMATS and extension != fmt:
        raise FormgenError(f"{output}: a .{extension} name for --format {fmt}; name the file .{fmt}, "
                           f"or leave --format out to write {extension}")
    return fmt
