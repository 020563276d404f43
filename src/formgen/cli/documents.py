"""Commands for one document: `formgen forms`, `schema`, `validate`, `render` and `examples`."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any

import click

from .. import api
from ..errors import FormgenError, LateDocument
from ..forms import FORMS, get_form
from ..forms.validation import parse_json
from ..locale import LANGS
from ..rendering.outputs import write_atomic, write_output
from ..resources import FIXTURES_DIR


def read_case(path: str) -> Any:
    """The JSON case data at path ("-" for stdin), or a FormgenError saying why not."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormgenError(f"{path}: cannot read the case data: {error}") from None
    return parse_json(text, path)


@click.command("forms")
def list_forms() -> None:
    """List the forms: id, annex, title."""
    for spec in FORMS.values():
        click.echo(f"{spec.id:<20} {spec.reference:<29} {spec.title}")


@click.command()
@click.argument("form_id")
def schema(form_id: str) -> None:
    """Print the JSON Schema of FORM_ID's case data."""
    click.echo(json.dumps(api.schema(form_id), ensure_ascii=False, indent=2))


@click.command()
@click.argument("form_id")
@click.argument("case", metavar="CASE.json")
@click.option("--lang", type=click.Choice(LANGS), help="Also check that every text exists in this language.")
def validate(form_id: str, case: str, lang: str | None) -> None:
    """Check CASE.json against FORM_ID's schema."""
    data = read_case(case)
    api.validate(form_id, data, lang)
    click.echo(f"{case}: valid {form_id}", err=True)


@click.command()
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


@click.command()
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
