"""Shared helpers: load fixtures, and read rendered documents back the way a person would."""

from __future__ import annotations

import copy
import io
import itertools
import json
import os
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from formgen.resources import FIXTURES_DIR

from pgserver import create_database, drop_database, throwaway_postgres


def load_fixture(form_id: str) -> dict:
    return json.loads((FIXTURES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Whitespace folded to single spaces, so line breaks of a layout do not matter."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def docx_text(content: bytes) -> str:
    """The text of every paragraph and table cell of a DOCX, as python-docx reads it."""
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    """The text of every page, a word that hyphenation broke at a line's end joined again: the hyphen it prints
    there is U+2010, which no wording or case data has."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub("\u2010\\s+", "", text)


def pdf_fonts(content: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds, without the subset prefix."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.fixture
def fixture_data():
    return load_fixture


# ---------------------------------------------------------------- the register's databases

@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (tests/pgserver.py); never skipped."""
    try:
        with throwaway_postgres() as server:
            yield server
    except RuntimeError as error:
        pytest.fail(str(error))


_DB_COUNTER = itertools.count()


@pytest.fixture
def postgres_url(postgres_server, request):
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"t{os.getpid()}_{next(_DB_COUNTER)}"
    yield create_database(postgres_server, name)
    drop_database(postgres_server, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The same test on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/register.sqlite3"
    return request.getfixturevalue("postgres_url")


CALC_EDIT = Path(__file__).parent / "clients" / "calc_edit.py"


def libreoffice_resave(content: bytes, tmp_path: Path, edits: list | None = None) -> bytes:
    """The XLSX as LibreOffice Calc saves it after opening it (and making edits, as a person would)."""
    source, target = tmp_path / "lo-in.xlsx", tmp_path / "lo-out.xlsx"
    source.write_bytes(content)
    steps = tmp_path / "lo-edits.json"
    steps.write_text(json.dumps(edits or []), encoding="utf-8")
    subprocess.run(["/usr/bin/python3", str(CALC_EDIT), str(source), str(target), str(steps)], check=True,
                   timeout=120)
    return target.read_bytes()


def sheet_rows(content: bytes) -> tuple:
    """The form's sheet of an XLSX formgen wrote, loaded for editing, and its rows by key (column A)."""
    book = load_workbook(io.BytesIO(content))
    sheet = next(s for s in book.worksheets if s["A1"].value == "#form")
    keys = {row[0].value: row[0].row for row in sheet.iter_rows() if row[0].value}
    return book, sheet, keys


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def libreoffice_convert(files: dict[str, bytes], tmp_path: Path, to: str = "xlsx") -> dict[str, bytes]:
    """Each file opened by LibreOffice and saved again (as xlsx, or printed to pdf), in one call:
    `soffice --headless --convert-to xlsx --outdir DIR FILE…`, as a person's office suite would."""
    source, target = tmp_path / "lo-source", tmp_path / "lo-target"
    source.mkdir(exist_ok=True)
    for name, content in files.items():
        (source / name).write_bytes(content)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", to,
                    "--outdir", str(target), *(str(source / name) for name in files)],
                   check=True, capture_output=True, timeout=300)
    return {name: (target / f"{Path(name).stem}.{to}").read_bytes() for name in files}


def leaves(data, path=()):
    """Every value of JSON data that is no object or list, with its path (a tuple of keys and indexes)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, (*path, i))
    else:
        yield path, data


def replaced(data, path, value):
    """A deep copy of data with the value at path (a tuple of keys and indexes) replaced."""
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def dotted(path) -> str:
    """A path tuple as formgen names it: entity.facilities[0].ru"""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


PAGE_MARGINS_MM = {"portrait": (30, 15), "landscape": (20, 15)}
"""Left and right page margins of templates/_document.css."""

_TOLERANCE = 1.5  # points: a glyph's box as read back may pass its line's end by a little


def text_outside_its_box(content: bytes) -> list[str]:
    """Glyphs of a PDF that lie outside the page's margins, across a vertical rule of a table (into
    the neighbouring cell), or over another glyph of their line: text printed where it does not belong.

    Kerned pairs ("To", "Ye") overlap a little; a glyph printed over another covers much of it.
    """
    found = []
    with pdfplumber.open(io.BytesIO(content)) as document:
        for number, page in enumerate(document.pages, 1):
            left_mm, right_mm = PAGE_MARGINS_MM["landscape" if page.width > page.height else "portrait"]
            left, right = left_mm * 72 / 25.4, page.width - right_mm * 72 / 25.4
            chars = [c for c in page.chars if c["text"].strip()]
            rules = [e for e in page.edges if e["orientation"] == "v"]
            lines: dict[tuple[int, int], list] = {}
            for c in chars:
                where = f"page {number}: {c['text']!r} at x {c['x0']:.1f}–{c['x1']:.1f}"
                if c["x0"] < left - _TOLERANCE or c["x1"] > right + _TOLERANCE:
                    found.append(f"{where}, outside the margins {left:.1f}–{right:.1f}")
                for rule in rules:
                    if c["x0"] < rule["x0"] - _TOLERANCE and c["x1"] > rule["x0"] + _TOLERANCE \
                            and c["top"] < rule["bottom"] and c["bottom"] > rule["top"]:
                        found.append(f"{where}, across the table rule at x {rule['x0']:.1f}")
                lines.setdefault((round(c["top"]), round(c["bottom"])), []).append(c)
            for line in lines.values():
                line.sort(key=lambda c: c["x0"])
                found += [f"page {number}: {b['text']!r} at x {b['x0']:.1f} printed over {a['text']!r} ending at "
                          f"{a['x1']:.1f}" for a, b in zip(line, line[1:])
                          if a["x1"] - b["x0"] > max(_TOLERANCE, 0.6 * min(a["x1"] - a["x0"], b["x1"] - b["x0"]))]
    return found
