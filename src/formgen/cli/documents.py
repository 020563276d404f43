"""Commands for one document: `formgen forms`, `schema`, `validate`, `render`, `example` and `examples`."""

from __future__ import annotations

import json
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .. import api
from . import report_problems_in
from ..errors import FormgenError, InvalidData, LateDocument, Transliterated
from ..forms import FORMS, get_form
from ..forms.report_layouts import REPORT_IDS, layout
from ..forms.reports import deadline
from ..inputs import parse_json
from ..locale import LANGS, format_date
from ..rendering.outputs import output_dir, write_atomic, write_output
from ..rendering.record import case_from_pdf, is_pdf
from ..resources import FIXTURES_DIR
from .options import data_option, form_id_argument, mkdir_option, output_format, output_option


def read_case(path: str, form_id: str | None = None) -> Any:
    """The case data at path ("-" for stdin): JSON, or a PDF the register issued (the data it carries;
    with form_id, checked to be that form's).  A FormgenError says why not."""
    try:
        content = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise FormgenError(f"{path}: cannot read the case data: {error.strerror or error}") from None
    if is_pdf(content):
        return case_from_pdf(content, form_id, source=path)
    return parse_json(content, path)


def render_with_warnings(form_id: str, data: Any, **options: Any) -> tuple[bytes, list[Warning]]:
    """api.render and what it warned of (a late document, a transliterated name)."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", LateDocument)
        warnings.simplefilter("always", Transliterated)
        content = api.render(form_id, data, **options)
    return content, [warning.message for warning in said if isinstance(warning.message, Warning)]


def render_saying_why(form_id: str, data: Any, **options: Any) -> bytes:
    """api.render, its warnings echoed to stderr."""
    content, said = render_with_warnings(form_id, data, **options)
    for warning in said:
        click.echo(f"warning: {warning}", err=True)
    return content


@click.command("forms")
@click.option("--long", "long_titles", is_flag=True, help="The full title of each form, as the law gives it.")
def list_forms(long_titles: bool) -> None:
    """List the forms: id, where the law sets it out, what it is."""
    for spec in FORMS.values():
        click.echo(f"{spec.id:<20} {spec.reference:<29} {spec.title if long_titles else spec.short_title}")


@click.command()
@form_id_argument
@click.option("--lang", type=click.Choice(LANGS),
              help="Describe every field in this language (titles from the form's wording, labelled choices, "
                   "an example); without it, the bare schema.")
def schema(form_id: str, lang: str | None) -> None:
    """Print the JSON Schema of FORM_ID's case data."""
    click.echo(json.dumps(api.schema(form_id, lang), ensure_ascii=False, indent=2))


@click.command()
@form_id_argument
@click.argument("case", metavar="[CASE.json|RETURN.xlsx]", required=False)
@data_option("The case data (JSON, - for stdin), or a report's filled XLSX; or give it as the argument.",
             metavar="FILE")
@click.option("--lang", type=click.Choice(LANGS),
              help="Also check that every text exists in this language; problems are reported in it "
                   "(default: the locale's language, else English).")
def validate(form_id: str, case: str | None, data: str | None, lang: str | None) -> None:
    """Check a case (JSON, or the data an issued PDF carries) or a filled report (XLSX) against
    FORM_ID's schema and arithmetic."""
    report_problems_in(lang)
    if (case is None) == (data is None):
        raise FormgenError("give the file to check once: as the argument or as --data")
    path = case or data
    if path.lower().endswith(".xlsx"):
        from ..quarterly.consolidate import read_report

        get_form(form_id)
        submission = read_report(Path(path), form_id)
        try:
            api.validate(form_id, submission.data, lang)
        except InvalidData as error:
            raise InvalidData([replace(p, path=f"{path}: {submission.cells.get(p.path, p.path)}")
                               for p in error.problems]) from None
    else:
        api.validate(form_id, read_case(path, form_id), lang)
    click.echo(f"{path}: valid {form_id}", err=True)


@click.command()
@form_id_argument
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)
@data_option("The case data (JSON); - for stdin.")
@click.option("--format", "fmt", type=click.Choice(api.FORMATS),
              help="Default: the output's extension (pdf for standard output).")
@output_option("The file to write (.docx, .pdf, .html, .xlsx); - for standard output.")
@mkdir_option
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
@click.option("--body", metavar="ID", help="Report as XLSX: the reporting body's id, recorded for consolidation.")
@click.option("--strict", is_flag=True, help="An audit document dated later than the Rules allow is an error, not a warning.")
def render(form_id: str, lang: str, data: str | None, fmt: str | None, output: str, mkdir: bool, blank: bool,
           with_notes: bool, with_clarification: bool, body: str | None, strict: bool, **blank_options: Any) -> None:
    """Render FORM_ID from its case data, or blank; problems are reported in the --lang given
    (default: the locale's language, else English)."""
    if click.get_current_context().get_parameter_source("lang") == click.core.ParameterSource.COMMANDLINE:
        report_problems_in(lang)
    get_form(form_id)
    if blank and data:
        raise FormgenError("--blank takes no --data")
    if not blank and not data:
        raise FormgenError("give --data CASE.json, or --blank")
    fmt = output_format(output, fmt, api.FORMATS, "pdf")
    options: dict[str, Any] = {name: True for name, on in
                               (("with_notes", with_notes), ("with_clarification", with_clarification)) if on}
    reporter = {k: blank_options.pop(k) for k in ("authority", "address", "phone", "email", "head")
                if blank_options[k] is not None}
    options |= {k: v for k, v in blank_options.items() if v is not None}
    if reporter:
        options["reporter"] = reporter
    case = None if blank else read_case(data)
    content = render_saying_why(form_id, case, lang=lang, fmt=fmt, blank=blank, strict=strict, body=body, **options)
    write_output(output, content, mkdir)
    if form_id in REPORT_IDS:
        given = options if blank else case  # a filled report is valid here: it was rendered
        year, quarter = given.get("year"), given.get("quarter")
        if year is not None and quarter is not None:
            due = deadline(year, quarter, layout(form_id))
            click.echo(f"note: due by {format_date(due, 'en')} (the form's deadline for the quarter)", err=True)


@click.command()
@form_id_argument
@output_option("Where to write it (default: standard output).", required=False, default="-", show_default=True)
@mkdir_option
def example(form_id: str, output: str, mkdir: bool) -> None:
    """Print FORM_ID's example case (JSON), a starting point to edit for `formgen render --data`."""
    get_form(form_id)
    write_output(output, (FIXTURES_DIR / f"{form_id}.json").read_bytes(), mkdir)


@click.command()
@output_option("The folder to write into.", "--out", required=False, default="out", show_default=True)
@mkdir_option
@click.option("--lang", "langs", multiple=True, type=click.Choice(LANGS), help="Default: all.")
@click.option("--format", "fmts", multiple=True, type=click.Choice(api.FORMATS), help="Default: all.")
def examples(output: str, mkdir: bool, langs: tuple[str, ...], fmts: tuple[str, ...]) -> None:
    """Render every bundled fixture, and every blank form, in every language and format."""
    out_dir = Path(output)
    output_dir(out_dir.parent, mkdir)
    output_dir(out_dir, mkdir=True)
    count = 0
    others: dict[str, None] = {}
    transliterated: dict[str, None] = {}
    for spec in FORMS.values():
        case = json.loads((FIXTURES_DIR / f"{spec.id}.json").read_text(encoding="utf-8"))
        for lang in langs or LANGS:
            for fmt in fmts or spec.formats:
                if fmt not in spec.formats:
                    continue
                for variant, data in (("filled", case), ("blank", None)):
                    target = out_dir / variant / lang / f"{spec.id}.{fmt}"
                    content, said = render_with_warnings(spec.id, data, lang=lang, fmt=fmt, blank=data is None)
                    for warning in said:
                        if isinstance(warning, Transliterated):
                            transliterated[f"{spec.id}: {warning}"] = None   # a name of a form, in any format
                        else:
                            others[f"{target}: {warning}"] = None
                    output_dir(target.parent, mkdir=True)
                    write_atomic(target, content)
                    count += 1
    for message in others:
        click.echo(f"warning: {message}", err=True)
    if transliterated:  # the examples' own names, in Cyrillic only on purpose: one line, not one per document
        click.echo(f"note: {len(transliterated)} persons' names in the examples have no English spelling and "
                   "print transliterated in English; `formgen render` names each such field", err=True)
    click.echo(f"{count} documents written to {out_dir}/", err=True)
