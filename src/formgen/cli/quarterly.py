"""Commands for the quarterly work: `formgen bulk` and `formgen consolidate`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .. import api
from ..errors import FormgenError
from ..forms.report_layouts import REPORT_IDS
from ..locale import LANGS
from ..quarterly.bulk import MANIFEST
from ..quarterly.consolidate import read_report
from ..rendering.outputs import write_atomic


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


@click.command()
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
    result = api.bulk(year, quarter, orgs, out_dir, forms=_csv_list(forms, REPORT_IDS, "--forms"),
                      langs=_csv_list(langs, LANGS, "--lang"), formats=_csv_list(fmts, api.FORMATS, "--format"),
                      jobs=jobs, merged=merged, progress=_Progress())
    if sys.stderr.isatty():
        click.echo("", err=True)
    for problem in result.failed:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{result.written} written, {result.skipped} already complete, {len(result.failed)} failed; "
               f"manifest: {out_dir / MANIFEST}", err=True)
    if not result.ok:
        sys.exit(1)


@click.command()
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
    result = api.consolidate(form_id, [(str(p), read_report(p, form_id)) for p in reports])
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
