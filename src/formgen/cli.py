"""The formgen command line."""

from __future__ import annotations

import json
import time
import warnings
import sys
from pathlib import Path
from typing import Any

import click

from . import api
from .bulk import MANIFEST
from .bulk import run as bulk_run
from .consolidate import consolidate as consolidate_reports
from .consolidate import read_report
from .cli_procedure import deadline_command, risk_command
from .errors import FormgenError, InvalidData, LateDocument
from .forms import FORMS, get_form
from .locale import LANGS
from .report_layouts import REPORT_IDS
from .outputs import write_atomic, write_output
from .resources import FIXTURES_DIR

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


def read_case(path: str) -> Any:
    """The JSON case data at path ("-" for stdin), or a FormgenError saying why not."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormgenError(f"{path}: cannot read the case data: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormgenError(f"{path}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None


@click.group(cls=_Main)
@click.version_option(package_name="formgen")
def main() -> None:
    """Official documents of state control over the quality of public services."""


@main.command("forms")
def list_forms() -> None:
    """List the forms: id, annex, title."""
    for spec in FORMS.values():
        click.echo(f"{spec.id:<20} {spec.reference:<29} {spec.title}")


@main.command()
@click.argument("form_id")
def schema(form_id: str) -> None:
    """Print the JSON Schema of FORM_ID's case data."""
    click.echo(json.dumps(get_form(form_id).schema.model_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("form_id")
@click.argument("case", metavar="CASE.json")
@click.option("--lang", type=click.Choice(LANGS), help="Also check that every text exists in this language.")
def validate(form_id: str, case: str, lang: str | None) -> None:
    """Check CASE.json against FORM_ID's schema."""
    data = read_case(case)
    if lang:
        api.validate_for(form_id, data, lang)
    else:
        api.validate(form_id, data)
    click.echo(f"{case}: valid {form_id}", err=True)


@main.command()
@click.argument("form_id")
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)
@click.option("--data", "case", metavar="CASE.json", help="The case data (JSON); - for stdin.")
@click.option("--format", "fmt", type=click.Choice(api.FORMATS), default="pdf", show_default=True)
@click.option("--output", "-o", required=True, help="The file to write; - for stdout.")
@click.option("--blank", is_flag=True, help="The form as the law prints it, for filling by hand.")
@click.option("--with-notes", is_flag=True, help="Audit certificate: append its completion notes to a filled form.")
@click.option("--with-clarification", is_flag=True, help="Report: append the form's clarification to a filled report.")
@click.option("--year", type=int, help="Blank report: the year of the reporting quarter.")
@click.option("--quarter", type=click.IntRange(1, 4), help="Blank report: the reporting quarter.")
@click.option("--authority", help="Blank report: the reporting body's name.")
@click.option("--address", help="Blank report: its address.")
@click.option("--phone", help="Blank report: its contact number.")
@click.option("--email", help="Blank report: its e-mail.")
@click.option("--head", help="Blank report: its head or acting head.")
@click.option("--strict", is_flag=True, help="An audit document dated later than the Rules allow is an error, not a warning.")
def render(form_id: str, lang: str, case: str | None, fmt: str, output: str, blank: bool,
           with_notes: bool, with_clarification: bool, strict: bool, **blank_options: Any) -> None:
    """Render FORM_ID from its case data, or blank."""
    get_form(form_id)
    if blank and case:
        raise FormgenError("--blank takes no --data")
    if not blank and not case:
        raise FormgenError("give --data CASE.json, or --blank")
    options: dict[str, Any] = {name: True for name, on in
                               (("with_notes", with_notes), ("with_clarification", with_clarification)) if on}
    reporter = {k: blank_options.pop(k) for k in ("authority", "address", "phone", "email", "head")
                if blank_options[k] is not None}
    options |= {k: v for k, v in blank_options.items() if v is not None}
    if reporter:
        options["reporter"] = reporter
    data = None if blank else read_case(case)
    with warnings.catch_warnings(record=True) as late:
        warnings.simplefilter("always", LateDocument)
        content = api.render(form_id, data, lang=lang, fmt=fmt, blank=blank, strict=strict, **options)
    for warning in late:
        click.echo(f"warning: {warning.message}", err=True)
    write_output(output, content)


@main.command()
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", "langs", multiple=True, type=click.Choice(LANGS), help="Default: all.")
@click.option("--format", "fmts", multiple=True, type=click.Choice(api.FORMATS), help="Default: all.")
def examples(out_dir: Path, langs: tuple[str, ...], fmts: tuple[str, ...]) -> None:
    """Render every bundled fixture, and every blank form, in every language and format."""
    count = 0
    for spec in FORMS.values():
        case = json.loads((FIXTURES_DIR / f"{spec.id}.json").read_text(encoding="utf-8"))
        for lang in langs or LANGS:
            for fmt in fmts or spec.formats:
                if fmt not in spec.formats:
                    continue
                for variant, data in (("filled", case), ("blank", None)):
                    content = api.render(spec.id, data, lang=lang, fmt=fmt, blank=data is None)
                    write_atomic(out_dir / variant / lang / f"{spec.id}.{fmt}", content)
                    count += 1
    click.echo(f"{count} documents written to {out_dir}/", err=True)


main.add_command(deadline_command)
main.add_command(risk_command)


def _csv_list(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v not in allowed]
    if unknown or not items:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: use {', '.join(allowed)}", param_hint=what)
    return items


class _Progress:
    """Progress on stderr: files done of total, failures, and the rate; redrawn in place on a
    terminal at most a few times a second, a line every 10 s in a log."""

    def __init__(self) -> None:
        self.start = self.shown = time.monotonic()
        self.terminal = sys.stderr.isatty()

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < (0.25 if self.terminal else 10):
            return
        self.shown = now
        rate = done / max(now - self.start, 1e-9)
        line = f"{done}/{total} files, {failed} failed, {rate:.1f} files/s"
        click.echo(f"\r{line}" if self.terminal else line, err=True, nl=not self.terminal)


@main.command()
@click.option("--year", type=click.IntRange(2016, 2100), required=True)
@click.option("--quarter", type=click.IntRange(1, 4), required=True)
@click.option("--orgs", "orgs", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of the bodies: id, name (or name_kk, name_ru, name_en), address, phone, email, head, langs.")
@click.option("--forms", default=",".join(REPORT_IDS), show_default=True, help="Report forms, comma-separated.")
@click.option("--lang", "langs", default=",".join(LANGS), show_default=True, help="Languages, comma-separated.")
@click.option("--format", "fmts", default="docx,pdf,xlsx", show_default=True, help="Formats, comma-separated.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--jobs", type=click.IntRange(1, 256), help="Processes to use (default: all cores).")
@click.option("--merged", is_flag=True, help="Also one print file per form and language (PDF).")
def bulk(year: int, quarter: int, orgs: Path, forms: str, langs: str, fmts: str, out_dir: Path,
         jobs: int | None, merged: bool) -> None:
    """The blank report forms of a quarter for every body of a CSV, prefilled with its details.

    Rerunning the same command skips the files already complete and correct.
    Exit status 1 when some body or file failed (each is listed), 0 otherwise.
    """
    result = bulk_run(year, quarter, orgs, _csv_list(forms, REPORT_IDS, "--forms"), _csv_list(langs, LANGS, "--lang"),
                      _csv_list(fmts, api.FORMATS, "--format"), out_dir, jobs=jobs, merged=merged,
                      progress=_Progress())
    if sys.stderr.isatty():
        click.echo("", err=True)
    for problem in result.failed:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{result.written} written, {result.skipped} already complete, {len(result.failed)} failed; "
               f"manifest: {out_dir / MANIFEST}", err=True)
    if not result.ok:
        sys.exit(1)


@main.command()
@click.argument("form_id", type=click.Choice(REPORT_IDS))
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The sum: .json (report data), or .xlsx/.docx/.pdf/.html rendered in --lang.")
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)
def consolidate(form_id: str, reports: tuple[Path, ...], output: Path, lang: str) -> None:
    """Add up REPORTS of FORM_ID (JSON, or XLSX written by formgen) into one report.

    Subtypes, services and service providers are merged by name; which report
    gave what to each value goes to OUTPUT's .sources.json beside it.
    """
    result = consolidate_reports(form_id, [(str(p), read_report(p, form_id)) for p in reports])
    fmt = output.suffix.lower().lstrip(".")
    if fmt == "json":
        content = json.dumps(result.data, ensure_ascii=False, indent=2).encode() + b"\n"
    elif fmt in api.FORMATS:
        content = api.render(form_id, result.data, lang=lang, fmt=fmt)
    else:
        raise FormgenError(f"{output}: write .json, or one of {', '.join('.' + f for f in api.FORMATS)}")
    write_atomic(output, content)
    write_atomic(output.with_name(output.stem + ".sources.json"),
                 json.dumps(result.sources, ensure_ascii=False, indent=1).encode())
    click.echo(f"{len(reports)} reports of Q{result.data['quarter']} {result.data['year']} added into {output}", err=True)
