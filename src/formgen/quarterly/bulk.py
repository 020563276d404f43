"""Bulk generation: the blank report forms of a quarter for many reporting
bodies, in several languages and formats, prefilled with each body's details.

Every file is written atomically and recorded in a journal as it is done, so a
run killed at any moment leaves no truncated file and the same command run
again skips what is complete and correct (the same inputs, the same bytes on
disk) and finishes the rest.  A body row that cannot be used, or a language a
body has no name in, is reported by its line and skipped; the rest completes.
The work is spread over processes (`jobs`) that die with the run.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import FormgenError, Problem
from ..forms.registry import get_form
from ..forms.report_layouts import REPORT_IDS
from ..locale import LANGS, Lang
from ..rendering.document import prepare, render_document
from ..rendering.outputs import output_dir, write_atomic
from ..resources import TEMPLATES_DIR
from .bodies import Body, language_problem, read_bodies
from .journal import JOURNAL, Journal
from .workers import own_temp_dir, run_in_workers

__all__ = ["JOURNAL", "MANIFEST", "MERGED_NAME", "BulkResult", "Output", "plan", "run"]

MANIFEST = "manifest.csv"
MERGED_NAME = "_all.pdf"
_ZIP_DATE = (2016, 12, 8, 0, 0, 0)   # a fixed date in every ZIP entry: the same files make the same ZIP
TASK_BODIES = 10


@dataclass(frozen=True)
class Output:
    path: Path
    form_id: str
    lang: Lang
    fmt: str
    body_id: str
    key: str  # what the file is made from; a file with another key is stale


@dataclass
class BulkResult:
    written: int = 0
    skipped: int = 0
    failed: list[Problem] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _template_hash(form_id: str, lang: Lang, fmt: str) -> str:
    files = [TEMPLATES_DIR / "_document.css", TEMPLATES_DIR / "_document.html", TEMPLATES_DIR / lang / f"{form_id}.yaml"]
    files.append(TEMPLATES_DIR / lang / f"{form_id}.{'docx' if fmt == 'docx' else 'html'}")
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def file_name(body_id: str, form_id: str, lang: Lang, year: int, quarter: int, fmt: str) -> str:
    """A body's file when laid out by body: obl-01_1-mk_kk_2026Q4.xlsx."""
    return f"{body_id}_{form_id.removeprefix('report-').replace('mk', '-mk')}_{lang}_{year}Q{quarter}.{fmt}"


def plan(bodies: Iterable[Body], forms: list[str], langs: list[Lang], formats: list[str], year: int, quarter: int,
         out_dir: Path, by_body: bool = False) -> list[Output]:
    """Every file the run makes, with deterministic names: <out>/<form>/<lang>/<body id>.<format>,
    or by body: <out>/<body id>/<body id>_<form>_<lang>_<year>Q<quarter>.<format>."""
    templates = {(f, l, x): _template_hash(f, l, x) for f in forms for l in langs for x in formats}
    release = version("formgen")
    outputs = []
    for body in bodies:
        for form_id in forms:
            for lang in langs:
                if body.langs is not None and lang not in body.langs:
                    continue
                for fmt in formats:
                    key = _fingerprint(release, templates[form_id, lang, fmt], body.reporter.model_dump(mode="json"),
                                       body.id, year, quarter, form_id, lang, fmt)
                    path = (out_dir / body.id / file_name(body.id, form_id, lang, year, quarter, fmt) if by_body
                            else out_dir / form_id / lang / f"{body.id}.{fmt}")
                    outputs.append(Output(path, form_id, lang, fmt, body.id, key))
    return outputs


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ----------------------------------------------------------------- workers

_JOB: dict[str, Any] = {}


def _setup(year: int, quarter: int, bodies: dict[str, Body]) -> None:
    _JOB.update(year=year, quarter=quarter, bodies=bodies)


def _make(outputs: list[Output]) -> list[tuple[Output, str | None, str | None]]:
    """Render and write a task's files: (output, sha256, error) each."""
    results = []
    for out in outputs:
        body = _JOB["bodies"][out.body_id]
        try:
            content = render_document(get_form(out.form_id), None, out.lang, out.fmt, share_pages=True,
                                      body=out.body_id, year=_JOB["year"], quarter=_JOB["quarter"],
                                      reporter=body.reporter)
            out.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(out.path, content, temp_dir=own_temp_dir(), sync=False)
            results.append((out, hashlib.sha256(content).hexdigest(), None))
        except FormgenError as error:
            results.append((out, None, str(error)))
        except Exception as error:  # a defect must not stop the other bodies; it is reported with the file
            results.append((out, None, f"{out.path.name}: not made: {type(error).__name__}: {error}"))
    return results


def _tasks(outputs: list[Output]) -> list[list[Output]]:
    """The work in tasks of up to TASK_BODIES bodies of one form and language (every format of each).

    A worker lays out the pages a form's PDFs share once per form and language
    (pdf_reuse): tasks that keep to one form and language let each worker do
    that for the forms it is given, not for all of them.  Largest forms first
    (REPORT_IDS runs from 1-mk, the largest, to 4-mk), so that the last tasks,
    which one worker may finish alone, are short.
    """
    by_pair: dict[tuple[str, str], dict[str, list[Output]]] = {}
    for out in outputs:
        by_pair.setdefault((out.form_id, out.lang), {}).setdefault(out.body_id, []).append(out)
    tasks = []
    for (form_id, lang), bodies in sorted(by_pair.items(), key=lambda item: REPORT_IDS.index(item[0][0])):
        files = list(bodies.values())
        tasks += [[out for body in files[i:i + TASK_BODIES] for out in body] for i in range(0, len(files), TASK_BODIES)]
    return tasks


def _prepare(kinds: set[tuple[str, Lang, str]], year: int, quarter: int) -> None:
    """Templates compiled, back ends imported and the blank forms' rows laid out once, here, before
    the workers are forked: each starts with them instead of making them again."""
    for form_id, lang, fmt in sorted(kinds):
        spec = get_form(form_id)
        spec.context(None, lang, year=year, quarter=quarter)
        prepare(spec, lang, fmt)


def _check_request(forms: list[str], langs: list[Lang], formats: list[str]) -> None:
    for form_id in forms:
        spec = get_form(form_id)
        if "year" not in spec.blank_options:
            raise FormgenError(f"{form_id} is not a quarterly report form; bulk makes the report forms")
        for fmt in formats:
            if fmt not in spec.formats:
                raise FormgenError(f"{form_id} renders as {', '.join(spec.formats)}, not {fmt}")
    for lang in langs:
        if lang not in LANGS:
            raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")


def run(year: int, quarter: int, bodies_csv: Path, forms: list[str], langs: list[Lang], formats: list[str],
        out_dir: Path, jobs: int | None = None, merged: bool = False, by_body: bool = False, zips: bool = False,
        mkdir: bool = False, progress: Callable[[int, int, int], None] | None = None) -> BulkResult:
    """Generate every form × language × format for every valid body of bodies_csv into out_dir.

    out_dir is made if its parent exists (or, with mkdir, with its parents).
    progress(done, total, failed) is called as files complete.
    """
    _check_request(forms, langs, formats)
    bodies, problems = read_bodies(bodies_csv)
    usable = []
    for body in bodies:   # each body in the languages it has a name (and address) in; one problem per other
        langs_ok = []
        for lang in (body.langs or langs):
            problem = language_problem(body, lang, bodies_csv.name) if lang in langs else None
            if problem:
                problems.append(problem)
            else:
                langs_ok.append(lang)
        usable.append(Body(body.line, body.id, body.reporter, tuple(langs_ok)))
    result = BulkResult(failed=problems)
    result.outputs = plan(usable, forms, langs, formats, year, quarter, out_dir, by_body)
    output_dir(out_dir.parent, mkdir)
    output_dir(out_dir, mkdir=True)
    journal = Journal(out_dir)
    try:
        verified: dict[Path, str] = {}
        todo = []
        for out in result.outputs:
            recorded = journal.done.get(str(out.path))
            if recorded and recorded[0] == out.key and _sha256(out.path) == recorded[1]:
                result.skipped += 1
                verified[out.path] = recorded[1]
            else:
                todo.append(out)
        total = len(result.outputs)
        if progress:
            progress(result.skipped, total, len(result.failed))
        workers = min(jobs or os.cpu_count() or 1, max(1, len(todo)))
        _prepare({(out.form_id, out.lang, out.fmt) for out in todo}, year, quarter)
        for done in run_in_workers(_make, _tasks(todo), workers, journal.temp_dir, _setup,
                                   (year, quarter, {b.id: b for b in usable})):
            for out, sha, error in done:
                if error:
                    result.failed.append(Problem(f"{out.body_id}/{out.form_id}/{out.lang}", error))
                    continue
                journal.record(str(out.path), out.key, sha)
                verified[out.path] = sha
                result.written += 1
            journal.flush()
            if progress:
                progress(result.skipped + result.written, total, len(result.failed))
    finally:
        journal.close()
    _write_manifest(out_dir, result.outputs, verified)
    if merged and "pdf" in formats:
        _merge_pdfs(out_dir, result.outputs, verified)
    if zips:
        _zip_bodies(out_dir, result.outputs, verified, year, quarter)
    return result


def _write_manifest(out_dir: Path, outputs: list[Output], verified: dict[Path, str]) -> None:
    """manifest.csv: every file of the run, whole and as recorded, with its SHA-256, in plan order."""
    lines = ["path,sha256,bytes,form,lang,format,body"]
    for out in outputs:
        if out.path in verified:
            rel = out.path.relative_to(out_dir).as_posix()
            lines.append(f"{rel},{verified[out.path]},{out.path.stat().st_size},{out.form_id},{out.lang},{out.fmt},"
                         f"{out.body_id}")
    write_atomic(out_dir / MANIFEST, ("\n".join(lines) + "\n").encode())


def _merge_pdfs(out_dir: Path, outputs: list[Output], verified: dict[Path, str]) -> None:
    """One print file per form and language: every body's PDF in plan order."""
    from pypdf import PdfWriter

    groups: dict[tuple[str, str], list[Path]] = {}
    for out in outputs:
        if out.fmt == "pdf" and out.path in verified:
            groups.setdefault((out.form_id, out.lang), []).append(out.path)
    for (form_id, lang), paths in groups.items():
        writer = PdfWriter()
        for path in paths:
            writer.append(str(path))
        buffer = io.BytesIO()
        writer.write(buffer)
        target = out_dir / form_id / lang / MERGED_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, buffer.getvalue())


def _zip_bodies(out_dir: Path, outputs: list[Output], verified: dict[Path, str], year: int, quarter: int) -> None:
    """<out>/<body id>.zip: every file of a body, named as by body, to send it as one attachment."""
    groups: dict[str, list[Output]] = {}
    for out in outputs:
        if out.path in verified:
            groups.setdefault(out.body_id, []).append(out)
    for body_id, files in groups.items():
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for out in files:
                entry = zipfile.ZipInfo(file_name(body_id, out.form_id, out.lang, year, quarter, out.fmt), _ZIP_DATE)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, out.path.read_bytes())
        write_atomic(out_dir / f"{body_id}.zip", buffer.getvalue())
