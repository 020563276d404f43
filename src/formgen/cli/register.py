"""Commands of the register of issued documents: `formgen issue`, `formgen verify` and
`formgen register list|show|reprint|void|export|check|numbering`."""

from __future__ import annotations

import getpass
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import FormgenError, LateDocument
from ..forms import get_form
from ..locale import LANGS
from ..register import Register
from ..register.db import DATA_DIR_ENV, DATABASE_URL_ENV
from ..register.register import ISSUE_FORMATS
from ..register.verification import PUBLIC_URL_ENV
from ..rendering.outputs import output_dir, write_atomic, write_output
from .documents import read_case
from .options import data_option, mkdir_option, output_option

EXIT_VOIDED = 1
"""formgen verify: a genuine document that was voided.  (2: altered or not registered.)"""


def _database_options(command: Callable) -> Callable:
    command = click.option("--data-dir", envvar=DATA_DIR_ENV, type=click.Path(file_okay=False),
                           help=f"Where the SQLite register lives (${DATA_DIR_ENV}; default: the user's data "
                                f"directory, ~/.local/share/formgen on Linux).")(command)
    return click.option("--database-url", envvar=DATABASE_URL_ENV,
                        help=f"The register's database, sqlite:///PATH or postgresql://USER@HOST/DB "
                             f"(${DATABASE_URL_ENV}); overrides --data-dir.")(command)


def _by_option(command: Callable) -> Callable:
    return click.option("--by", default=getpass.getuser, show_default="the OS user",
                        help="Who does it, as the trail records it.")(command)


def _open(database_url: str | None, data_dir: str | None, public_url: str | None = None) -> Register:
    return Register(database_url, data_dir=data_dir, public_url=public_url)


@click.command()
@click.argument("form_id")
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)
@data_option("The case data (JSON), without a number; - for stdin.", required=True)
@click.option("--format", "fmts", default="pdf", show_default=True,
              help=f"Files to write, comma-separated: {', '.join(ISSUE_FORMATS)}; the PDF is the PDF/A-3b archive copy.")
@output_option("The folder to write the files to (made if its parent exists).", "--out")
@mkdir_option
@click.option("--authority", default="", help="The issuing authority's code, when one register serves several.")
@click.option("--department", default="", help="The department's code ({dept} of the numbering mask).")
@click.option("--number", help="A number from your own document-management system instead of the register's.")
@click.option("--qr/--no-qr", default=None, help=f"Print the verification QR code (default: when ${PUBLIC_URL_ENV} is set).")
@click.option("--public-url", envvar=PUBLIC_URL_ENV, help=f"The register's public base URL for the QR code (${PUBLIC_URL_ENV}).")
@click.option("--with-notes", is_flag=True, help="Audit certificate: append its completion notes.")
@click.option("--with-clarification", is_flag=True, help="Report: append the form's clarification.")
@click.option("--strict", is_flag=True, help="An audit document dated later than the Rules allow is an error, not a warning.")
@_by_option
@_database_options
def issue(form_id: str, lang: str, data: str, fmts: str, output: str, mkdir: bool, authority: str, department: str,
          number: str | None, qr: bool | None, public_url: str | None, with_notes: bool, with_clarification: bool,
          strict: bool, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Issue FORM_ID under the register's next outgoing number: print the number, write the files."""
    get_form(form_id)
    formats = [f.strip() for f in fmts.split(",") if f.strip()]
    case = read_case(data)
    out_dir = Path(output)
    output_dir(out_dir.parent, mkdir)  # checked before a number is taken; the folder itself is made after
    options = {name: True for name, on in (("with_notes", with_notes), ("with_clarification", with_clarification)) if on}
    with _open(database_url, data_dir, public_url) as register, warnings.catch_warnings(record=True) as late:
        warnings.simplefilter("always", LateDocument)
        issued = register.issue(form_id, case, lang=lang, formats=formats, issued_by=by, authority=authority,
                                department=department, number=number, qr=qr, strict=strict, **options)
    for warning in late:
        click.echo(f"warning: {warning.message}", err=True)
    output_dir(out_dir, mkdir=True)
    for fmt, content in issued.files.items():
        write_atomic(out_dir / issued.entry.file_name(fmt), content)
        click.echo(f"{out_dir / issued.entry.file_name(fmt)}", err=True)
    click.echo(issued.entry.number)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_database_options
def verify(file: Path, database_url: str | None, data_dir: str | None) -> None:
    """Say whether FILE is a document the register issued, unaltered and not voided.

    Exit status 0: genuine and in force; 1: genuine but voided; 2: altered or not registered."""
    try:
        content = file.read_bytes()
    except OSError as error:
        raise FormgenError(f"{file}: cannot read: {error}") from None
    with _open(database_url, data_dir) as register:
        result = register.verify(content)
    if result.status in ("altered", "unknown"):
        raise FormgenError(f"{file}: {result.message}")
    click.echo(f"{file}: {result.message}")
    if result.status == "voided":
        raise SystemExit(EXIT_VOIDED)


@click.group("register")
def register_group() -> None:
    """The register of issued documents: list, show, reprint, void, export, check, numbering."""


def _filters(command: Callable) -> Callable:
    for option in reversed([
        click.option("--form", "form_id", help="Only this form."),
        click.option("--year", type=int, help="Only this year (of the documents' dates)."),
        click.option("--bin", "entity_bin", help="Only documents about this IIN/BIN."),
        click.option("--status", type=click.Choice(["issued", "voided"]), help="Only issued (in force) or voided ones."),
        click.option("--number", help="Only this number."),
        click.option("--authority", help="Only this authority's."),
        click.option("--department", help="Only this department's."),
    ]):
        command = option(command)
    return command


@register_group.command("list")
@_filters
@_database_options
def list_entries(database_url: str | None, data_dir: str | None, **filters: Any) -> None:
    """List the entries: id, number, date, form, language, status, IIN/BIN, who issued it."""
    with _open(database_url, data_dir) as register:
        found = register.entries(**filters)
    for e in found:
        click.echo(f"{e.id:>6}  {e.number:<16} {e.document_date.isoformat()}  {e.form_id:<18} {e.lang}  "
                   f"{e.status:<7} {e.entity_bin or '-':<12}  {e.issued_by}")
    click.echo(f"{len(found)} entries", err=True)


@register_group.command()
@click.argument("entry_id", type=int)
@_database_options
def show(entry_id: int, database_url: str | None, data_dir: str | None) -> None:
    """Print everything entry ENTRY_ID holds, as JSON."""
    with _open(database_url, data_dir) as register:
        entry = register.get(entry_id)
    click.echo(json.dumps(entry.to_json(), ensure_ascii=False, indent=2))


@register_group.command()
@click.argument("entry_id", type=int)
@click.option("--format", "fmt", type=click.Choice(ISSUE_FORMATS), default="pdf", show_default=True)
@output_option("The file to write; - for stdout.")
@mkdir_option
@_by_option
@_database_options
def reprint(entry_id: int, fmt: str, output: str, mkdir: bool, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Produce entry ENTRY_ID's file again, the same bytes as issued."""
    with _open(database_url, data_dir) as register:
        content = register.reprint(entry_id, fmt, by=by)
    write_output(output, content, mkdir)


@register_group.command()
@click.argument("entry_id", type=int)
@click.option("--reason", required=True, help="Why the document is void.")
@_by_option
@_database_options
def void(entry_id: int, reason: str, by: str, database_url: str | None, data_dir: str | None) -> None:
    """Void entry ENTRY_ID: its number stays taken, the document is no longer in force."""
    with _open(database_url, data_dir) as register:
        entry = register.void(entry_id, reason, by=by)
    click.echo(f"entry {entry.id} (No. {entry.number}) voided", err=True)


@register_group.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True, help="The journal's headings.")
@output_option("The file to write; - for stdout.")
@mkdir_option
@_filters
@_by_option
@_database_options
def export(fmt: str, lang: str, output: str, mkdir: bool, by: str, database_url: str | None, data_dir: str | None,
           **filters: Any) -> None:
    """Write the outgoing-documents journal (the entries that match the filters) as CSV or XLSX."""
    with _open(database_url, data_dir) as register:
        content = register.export(fmt, lang=lang, by=by, **filters)
    write_output(output, content, mkdir)


@register_group.command()
@_database_options
def check(database_url: str | None, data_dir: str | None) -> None:
    """Prove that nothing in the register was altered or removed (exit status 1 if something was)."""
    with _open(database_url, data_dir) as register:
        report = register.check()
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(f"{report.entries} entries, {report.events} events, last event hash {report.head}: "
               + ("intact" if report.ok else f"{len(report.problems)} problem(s)"))
    if not report.ok:
        raise SystemExit(1)


@register_group.group()
def numbering() -> None:
    """The masks of outgoing numbers."""


@numbering.command("set")
@click.option("--mask", required=True, help="E.g. '14-05/{seq}', '{dept}-{year}/{seq:4}'.")
@click.option("--authority", default="", help="The authority's code ('' for the register's own).")
@click.option("--department", default="", help="Only this department (default: every department).")
@click.option("--form", "form_id", default="", help="Only this form (default: every form).")
@_by_option
@_database_options
def numbering_set(mask: str, authority: str, department: str, form_id: str, by: str, database_url: str | None,
                  data_dir: str | None) -> None:
    """Number documents after MASK from the next number on."""
    with _open(database_url, data_dir) as register:
        register.set_numbering(mask, authority=authority, department=department, form_id=form_id, by=by)
    click.echo(f"numbering set: {mask}", err=True)


@numbering.command("list")
@_database_options
def numbering_list(database_url: str | None, data_dir: str | None) -> None:
    """List the masks: authority, department, form ('*': every one), mask."""
    with _open(database_url, data_dir) as register:
        rules = register.numbering_rules()
    for rule in rules:
        click.echo(f"{rule.authority or '*':<12} {rule.department or '*':<10} {rule.form_id or '*':<20} {rule.mask}")
    if not rules:
        click.echo("no masks set: every series is numbered {seq}", err=True)
