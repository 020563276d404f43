"""Commands for the quarterly work: `formgen bulk` and `formgen consolidate`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .. import api
from ..forms.report_layouts import REPORT_IDS
from ..locale import LANGS
from ..quarterly.bodies import read_bodies
from ..quarterly.bulk import MANIFEST
from ..quarterly.consolidate import read_report
from ..rendering.outputs import output_dir, write_atomic
from .options import data_option, mkdir_option, output_format, output_option

EXIT_INCOMPLETE = 1


def _csv_list(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v not in allowed]
    if unknown or not items:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: use {', '.join(allowed)}", param_hint=what)
    return items


class _Progress:
    """Progress on stderr: a bar with counts, rate and time left on a terminal (tqdm); in a log,
    a plain line every 10 seconds and one at the end."""

    def __init__(self) -> None:
        self.start = self.shown = time.monotonic()
        self.terminal = sys.stderr.isatty()
        self.bar = None

    def __call__(self, done: int, total: int, failed: int) -> None:
        if self.terminal:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, initial=done, unit="file", file=sys.stderr, dynamic_ncols=True,
                                smoothing=0.1)
            self.bar.set_postfix(failed=failed, refresh=False)
            self.bar.update(done - self.bar.n)
            return
        now = time.monotonic()
        if done < total and now - self.shown < 10:
            return
        self.shown = now
        rate = done / max(now - self.start, 1e-9)
        left = (total - done) / rate if rate else 0
        click.echo(f"{done}/{total} files, {failed} failed, {rate:.1f} files/s, "
                   f"{int(left) // 60}:{int(left) % 60:02d} left", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command()
@click.option("--year", type=click.IntRange(2016, 2100), required=True)
@click.option("--quarter", type=click.IntRange(1, 4), required=True)
@data_option("CSV of the bodies: id, name (or name_kk, name_ru, name_en), address (likewise), phone, email, "
             "head, langs. Comma, semicolon or tab; UTF-8 or Windows-1251.", "--orgs", required=True,
             metavar="BODIES.csv")
@click.option("--forms", default=",".join(REPORT_IDS), show_default=True, help="Report forms, comma-separated.")
@click.option("--lang", "langs", default=",".join(LANGS), show_default=True, help="Languages, comma-separated.")
@click.option("--format", "fmts", default="docx,pdf,xlsx", show_default=True, help="Formats, comma-separated.")
@output_option("The folder to write into (made if its parent exists).", "--out")
@mkdir_option
@click.option("--jobs", type=click.IntRange(1, 256), help="Processes to use (default: all cores).")
@click.option("--by-body", is_flag=True, help="A folder per body: OUT/obl-01/obl-01_1-mk_kk_2026Q4.xlsx, …")
@click.option("--zip", "zips", is_flag=True, help="Also a ZIP of each body's files: OUT/obl-01.zip.")
@click.option("--merged", is_flag=True, help="Also one print file per form and language (PDF).")
def bulk(year: int, quarter: int, data: str, forms: str, langs: str, fmts: str, output: str, mkdir: bool,
         jobs: int | None, by_body: bool, zips: bool, merged: bool) -> None:
    """The blank report forms of a quarter for every body of a CSV, prefilled with its details.

    Rerunning the same command skips the files already complete and correct.
    Exit status 1 when some row, body or file failed (each is listed), 0 otherwise.
    """
    progress = _Progress()
    try:
        result = api.bulk(year, quarter, Path(data), Path(output), forms=_csv_list(forms, REPORT_IDS, "--forms"),
                          langs=_csv_list(langs, LANGS, "--lang"), formats=_csv_list(fmts, api.FORMATS, "--format"),
                          jobs=jobs, merged=merged, by_body=by_body, zips=zips, mkdir=mkdir, progress=progress)
    finally:
        progress.close()
    for problem in result.failed:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{result.written} written, {result.skipped} already complete, {len(result.failed)} failed; "
               f"manifest: {Path(output) / MANIFEST}", err=True)
    if not result.ok:
        sys.exit(EXIT_INCOMPLETE)


@click.command()
@click.argument("form_id", type=click.Choice(REPORT_IDS))
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@output_option("The sum: .json (report data), .xlsx (the total and a sheet per body), or .docx/.pdf/.html "
               "rendered in --lang.")
@click.option("--format", "fmt", type=click.Choice(("json", *api.FORMATS)), help="Default: the output's extension.")
@mkdir_option
@click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)
@click.option("--latest", is_flag=True, help="Two reports of one body: take the one saved later (and say so).")
@click.option("--expect", type=click.Path(dir_okay=False, path_type=Path), metavar="BODIES.csv",
              help="The bodies that must report (the CSV bulk takes): list those that have not.")
def consolidate(form_id: str, reports: tuple[Path, ...], output: str, fmt: str | None, mkdir: bool, lang: str,
                latest: bool, expect: Path | None) -> None:
    """Add up REPORTS of FORM_ID (JSON, or XLSX written by formgen) into one report.

    Subtypes, services and service providers are merged by name; which report
    gave what to each value goes to OUTPUT's .sources.json beside it.  A body
    that sent two reports is refused (unless --latest); an empty report counts
    as not submitted.  Exit status 1 when some body has not reported.
    """
    fmt = output_format(output, fmt, ("json", *api.FORMATS), "json")
    expected, problems = read_bodies(expect) if expect else ([], [])
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    result = api.consolidate(form_id, [read_report(p, form_id) for p in reports], latest=latest, expected=expected)
    if fmt == "json":
        content = json.dumps(result.data, ensure_ascii=False, indent=2).encode() + b"\n"
    elif fmt == "xlsx":
        content = result.xlsx(lang)
    else:
        content = api.render(form_id, result.data, lang=lang, fmt=fmt)
    if output == "-":
        sys.stdout.buffer.write(content)
    else:
        path = Path(output)
        output_dir(path.parent, mkdir)
        write_atomic(path, content)
        write_atomic(path.with_name(path.stem + ".sources.json"),
                     json.dumps(result.sources, ensure_ascii=False, indent=1).encode())
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{len(result.parts)} reports of Q{result.data['quarter']} {result.data['year']} added "
               f"({', '.join(who for who, _ in result.parts)}) into {output}", err=True)
    if result.incomplete:
        sys.exit(EXIT_INCOMPLETE)
