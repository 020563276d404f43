"""The reporting bodies of a region: one row of a CSV each, as a statistician
keeps them in Excel (comma, semicolon or tab; UTF-8 or Windows-1251).

Every row that cannot be used is reported by its line with the reason and left
out; the other rows are used.  `bulk` prefills the blank forms from them and
`consolidate --expect` lists those that have not reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import FormgenError, Problem
from ..forms.schemas.reports import Reporter
from ..forms.validation import missing_translations, problems_of
from ..inputs import read_csv
from ..locale import LANGS, Lang

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""A body's id names its files: letters, digits, '.', '_' and '-', at most 64."""

_PER_LANGUAGE = ("name", "address")
COLUMNS = ("id", *(f"{c}{suffix}" for c in _PER_LANGUAGE for suffix in ("", *(f"_{lang}" for lang in LANGS))),
           "phone", "email", "head", "langs")
_FIELD_COLUMN = {"authority": "name", "address": "address"}   # Reporter field → its CSV column


@dataclass(frozen=True)
class Body:
    """A reporting body: one row of the bodies CSV."""

    line: int
    id: str
    reporter: Reporter
    langs: tuple[Lang, ...] | None  # None: every language asked for

    @property
    def name(self) -> str:
        """Its name as the CSV gives it first (name, or name_kk, name_ru, name_en)."""
        authority = self.reporter.authority
        return authority if isinstance(authority, str) else next(iter(authority.values()))


def _text(row: dict[str, str], column: str) -> str | dict[str, str] | None:
    per_lang = {lang: row[f"{column}_{lang}"].strip() for lang in LANGS if row.get(f"{column}_{lang}", "").strip()}
    return per_lang or (row.get(column) or "").strip() or None


def _unknown_columns(columns: list[str], where: str) -> tuple[set[str], list[Problem]]:
    unknown, problems = set(), []
    for column in columns:
        if column not in COLUMNS:
            unknown.add(column)
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; the columns are {', '.join(COLUMNS)}"
            problems.append(Problem(where, f"column {column!r} is not known{hint}"))
    for column in {c for c in columns if columns.count(c) > 1}:
        problems.append(Problem(where, f"column {column!r} is named twice"))
    return unknown, problems


def read_bodies(path: Path) -> tuple[list[Body], list[Problem]]:
    """The bodies of a CSV (columns: id, name or name_kk/_ru/_en, address (likewise), phone, email,
    head, langs), and one problem per row that cannot be used, named by its line."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FormgenError(f"{path}: cannot read the bodies: {error.strerror or error}") from None
    table = read_csv(content, path.name, COLUMNS)
    if "id" not in table.columns:
        raise FormgenError(f"{path.name}, line 1: no 'id' column (the columns: {', '.join(table.columns)})")
    unknown, problems = _unknown_columns(table.columns, f"{path.name}, line 1")
    bodies: list[Body] = []
    seen: dict[str, int] = {}
    for line, row, count in table.rows:
        where = f"{path.name}, line {line}"
        if count != len(table.columns):
            problems.append(Problem(where, f"{count} values for {len(table.columns)} columns"
                                    + (" (a separator inside a value? put the value in quotes)"
                                       if count > len(table.columns) else "")))
            continue
        lost = [c for c in table.columns if c in unknown and row[c].strip()]
        if lost:
            problems.append(Problem(where, f"{', '.join(f'{c} {row[c].strip()!r}' for c in lost)}: in a column "
                                           "formgen does not know, so it would not be printed"))
            continue
        body_id = row["id"].strip()
        if not SAFE_ID.fullmatch(body_id):
            problems.append(Problem(where, f"id {body_id!r}: give letters, digits, '.', '_' or '-' (a file name)"))
            continue
        if body_id in seen:
            problems.append(Problem(where, f"id {body_id!r} is already on line {seen[body_id]}"))
            continue
        seen[body_id] = line
        given_langs = (row.get("langs") or "").strip()
        langs = tuple(re.split(r"[\s,;]+", given_langs)) if given_langs else None
        if langs and not set(langs) <= set(LANGS):
            problems.append(Problem(where, f"langs {given_langs!r}: use {', '.join(LANGS)}"))
            continue
        fields = {"authority": _text(row, "name"), "address": _text(row, "address"),
                  **{c: (row.get(c) or "").strip() or None for c in ("phone", "email", "head")}}
        if fields["authority"] is None:
            problems.append(Problem(where, "name: required (the body's name, or name_kk/name_ru/name_en)"))
            continue
        try:
            reporter = Reporter.model_validate({k: v for k, v in fields.items() if v is not None})
        except ValidationError as error:
            problems += [Problem(where, f"{_FIELD_COLUMN.get(p.path, p.path)}: {p.message}") for p in problems_of(error)]
            continue
        bodies.append(Body(line, body_id, reporter, langs))
    return bodies, problems


def language_problem(body: Body, lang: Lang, source: str) -> Problem | None:
    """Why body's forms cannot be made in lang (a name or address given in other languages only), or None."""
    missing = [f"{_FIELD_COLUMN.get(p.path, p.path)}_{lang}" for p in missing_translations(body.reporter, lang)]
    if not missing:
        return None
    return Problem(f"{source}, line {body.line}", f"{body.id}: no {' and no '.join(missing)}, so no form in {lang} "
                                                   f"(give {', '.join(missing)}, or leave {lang} out of its langs)")
