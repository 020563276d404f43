"""Bulk generation: the blank report forms of a quarter for many reporting
bodies, in several languages and formats, prefilled with each body's details.

Every file is written atomically and recorded in a journal as it is done, so a
run killed at any moment leaves no truncated file and the same command run
again skips what is complete and correct (the same inputs, the same bytes on
disk) and finishes the rest.  A body whose row is invalid is reported with its
line number and skipped.  The work is spread over processes (`jobs`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import FormgenError, Problem
from ..forms.registry import get_form
from ..forms.schemas.reports import Reporter
from ..forms.validation import problems_of
from ..locale import LANGS, Lang
from ..rendering.document import render_document
from ..rendering.outputs import write_atomic
from ..resources import TEMPLATES_DIR

JOURNAL = ".formgen-journal"
MANIFEST = "manifest.csv"
MERGED_NAME = "_all.pdf"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_TEXT_COLUMNS = ("name", "address")


@dataclass(frozen=True)
class Body:
    """A reporting body: one row of the bodies CSV."""

    line: int
    id: str
    reporter: Reporter
    langs: tuple[Lang, ...] | None  # None: every language asked for


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


def _text(row: dict[str, str], column: str) -> str | dict[str, str] | None:
    per_lang = {lang: row[f"{column}_{lang}"].strip() for lang in LANGS if row.get(f"{column}_{lang}", "").strip()}
    return per_lang or (row.get(column) or "").strip() or None


def read_bodies(path: Path) -> tuple[list[Body], list[Problem]]:
    """The bodies of a CSV (columns: id, name or name_kk/_ru/_en, address (likewise), phone, email,
    head, langs), and one problem per invalid row, named by its line."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FormgenError(f"{path}: cannot read the bodies: {error}") from None
    bodies, problems, seen = [], [], {}
    for line, row in enumerate(rows, 2):
        where = f"{path.name}, line {line}"
        body_id = (row.get("id") or "").strip()
        if not _ID.fullmatch(body_id):
            problems.append(Problem(where, f"id {body_id!r}: give letters, digits, '.', '_' or '-' (a file name)"))
            continue
        if body_id in seen:
            problems.append(Problem(where, f"id {body_id!r} is already on line {seen[body_id]}"))
            continue
        seen[body_id] = line
        langs = tuple(re.split(r"[\s,;]+", (row.get("langs") or "").strip())) if (row.get("langs") or "").strip() else None
        if langs and not set(langs) <= set(LANGS):
            problems.append(Problem(where, f"langs {row['langs']!r}: use {', '.join(LANGS)}"))
            continue
        fields = {"authority": _text(row, "name"), "address": _text(row, "address"),
                  "phone": (row.get("phone") or "").strip() or None, "email": (row.get("email") or "").strip() or None,
                  "head": (row.get("head") or "").strip() or None}
        if fields["authority"] is None:
            problems.append(Problem(where, "name: required (the body's name, or name_kk/name_ru/name_en)"))
            continue
        try:
            reporter = Reporter.model_validate({k: v for k, v in fields.items() if v is not None})
        except ValidationError as error:
            problems += [Problem(where, str(p)) for p in problems_of(error)]
            continue
        bodies.append(Body(line, body_id, reporter, langs))
    return bodies, problems


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _template_hash(form_id: str, lang: Lang, fmt: str) -> str:
    files = [TEMPLATES_DIR / "_document.css", TEMPLATES_DIR / "_document.html", TEMPLATES_DIR / lang / f"{form_id}.yaml"]
    files.append(TEMPLATES_DIR / lang / f"{form_id}.{'docx' if fmt == 'docx' else 'html'}")
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def plan(bodies: Iterable[Body], forms: list[str], langs: list[Lang], formats: list[str],
         year: int, quarter: int, out_dir: Path) -> list[Output]:
    """Every file the run makes, with deterministic names: <out>/<form>/<lang>/<body id>.<format>."""
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
                                       year, quarter, form_id, lang, fmt)
                    outputs.append(Output(out_dir / form_id / lang / f"{body.id}.{fmt}", form_id, lang, fmt, body.id, key))
    return outputs


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_journal(out_dir: Path) -> dict[str, tuple[str, str]]:
    """path → (key, sha256) of every file a run recorded as done; a line cut short by a kill is ignored."""
    done: dict[str, tuple[str, str]] = {}
    try:
        with open(out_dir / JOURNAL, encoding="utf-8") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                    done[entry["path"]] = (entry["key"], entry["sha256"])
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        pass
    return done


# ----------------------------------------------------------------- workers

_JOB: dict[str, Any] = {}


def _init_worker(year: int, quarter: int, bodies: dict[str, Body]) -> None:
    _JOB.update(year=year, quarter=quarter, bodies=bodies)


def _make(outputs: list[Output]) -> list[tuple[Output, str | None, str | None]]:
    """Render and write one body's form in one language, every format asked: (output, sha256, error)."""
    results = []
    for out in outputs:
        body = _JOB["bodies"][out.body_id]
        try:
            content = render_document(get_form(out.form_id), None, out.lang, out.fmt, share_pages=True,
                                      year=_JOB["year"], quarter=_JOB["quarter"], reporter=body.reporter)
            write_atomic(out.path, content)
            results.append((out, hashlib.sha256(content).hexdigest(), None))
        except FormgenError as error:
            results.append((out, None, f"{out.path.name}: {error}"))
    return results


def _groups(outputs: list[Output]) -> list[list[Output]]:
    groups: dict[tuple[str, str, str], list[Output]] = {}
    for out in outputs:
        groups.setdefault((out.body_id, out.form_id, out.lang), []).append(out)
    return list(groups.values())


def _remove_stale_parts(out_dir: Path) -> None:
    for part in out_dir.rglob(".*.part"):
        part.unlink(missing_ok=True)


def run(year: int, quarter: int, bodies_csv: Path, forms: list[str], langs: list[Lang], formats: list[str],
        out_dir: Path, jobs: int | None = None, merged: bool = False,
        progress: Callable[[int, int, int], None] | None = None) -> BulkResult:
    """Generate every form × language × format for every valid body of bodies_csv into out_dir.

    progress(done, total, failed) is called as files complete.
    """
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
    bodies, problems = read_bodies(bodies_csv)
    result = BulkResult(failed=list(problems))
    result.outputs = plan(bodies, forms, langs, formats, year, quarter, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(out_dir)
    journal = read_journal(out_dir)
    todo = []
    for out in result.outputs:
        recorded = journal.get(str(out.path))
        if recorded and recorded[0] == out.key and _sha256(out.path) == recorded[1]:
            result.skipped += 1
        else:
            todo.append(out)
    total = len(result.outputs)
    if progress:
        progress(result.skipped, total, len(result.failed))
    with open(out_dir / JOURNAL, "a", encoding="utf-8") as log:
        for done in _execute(_groups(todo), year, quarter, {b.id: b for b in bodies}, jobs):
            for out, sha, error in done:
                if error:
                    result.failed.append(Problem(f"{out.body_id}/{out.form_id}/{out.lang}", error))
                    continue
                log.write(json.dumps({"path": str(out.path), "key": out.key, "sha256": sha}) + "\n")
                result.written += 1
            log.flush()
            if progress:
                progress(result.skipped + result.written, total, len(result.failed))
    _write_manifest(out_dir, result.outputs)
    if merged and "pdf" in formats:
        _merge_pdfs(out_dir, result.outputs)
    return result


def _execute(groups: list[list[Output]], year: int, quarter: int, bodies: dict[str, Body],
             jobs: int | None) -> Iterator[list[tuple[Output, str | None, str | None]]]:
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(groups) < 2:
        _init_worker(year, quarter, bodies)
        yield from map(_make, groups)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(year, quarter, bodies), maxtasksperchild=500) as pool:
        yield from pool.imap_unordered(_make, groups, chunksize=4)


def _write_manifest(out_dir: Path, outputs: list[Output]) -> None:
    """manifest.csv: every output that exists and was recorded, with its SHA-256, in plan order."""
    journal = read_journal(out_dir)
    lines = ["path,sha256,bytes,form,lang,format,body"]
    for out in outputs:
        recorded = journal.get(str(out.path))
        if recorded and recorded[0] == out.key and out.path.exists():
            rel = out.path.relative_to(out_dir).as_posix()
            lines.append(f"{rel},{recorded[1]},{out.path.stat().st_size},{out.form_id},{out.lang},{out.fmt},{out.body_id}")
    write_atomic(out_dir / MANIFEST, ("\n".join(lines) + "\n").encode())


def _merge_pdfs(out_dir: Path, outputs: list[Output]) -> None:
    """One print file per form and language: every body's PDF in plan order."""
    from pypdf import PdfWriter

    groups: dict[tuple[str, str], list[Path]] = {}
    for out in outputs:
        if out.fmt == "pdf" and out.path.exists():
            groups.setdefault((out.form_id, out.lang), []).append(out.path)
    for (form_id, lang), paths in groups.items():
        writer = PdfWriter()
        for path in paths:
            writer.append(str(path))
        buffer = io.BytesIO()
        writer.write(buffer)
        write_atomic(out_dir / form_id / lang / MERGED_NAME, buffer.getvalue())
