"""Shared helpers: load fixtures, and read rendered documents back the way a person would."""

from __future__ import annotations

import copy
import io
import json
import re

import pytest
from docx import Document
from pypdf import PdfReader

from formgen.resources import FIXTURES_DIR


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
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


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
