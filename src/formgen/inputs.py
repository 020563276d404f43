"""Reading what users hand formgen: JSON case data and CSV tables, as real
files come (a byte-order mark, an Excel CSV with semicolons, a cp1251 export),
with one clear error naming the file and the fix instead of a traceback.

Both `formgen render` (case data) and `formgen consolidate` (reports) read JSON
here, and `formgen bulk` and `consolidate --expect` read their CSV here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pydantic_core

from .errors import FormgenError

MAX_JSON_DEPTH = 64
"""Case data nests a handful of levels (a report: group, provider, service, subtype, cells)."""

BOM = "\ufeff"
CSV_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def _depth(value: Any) -> int:
    """How deep lists and objects nest in value, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_json(content: bytes | str, source: str) -> Any:
    """JSON text (UTF-8, a byte-order mark allowed) parsed; FormgenError naming source and the place."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
    except UnicodeDecodeError as error:
        raise FormgenError(f"{source}: not UTF-8 text (byte {error.start + 1}); save the file as UTF-8") from None
    try:
        # pydantic's parser (Rust): nesting past its own limit and numbers too long to be counts are
        # errors it reports, never a RecursionError or Python's integer-digits ValueError
        data = pydantic_core.from_json(text.removeprefix(BOM))
    except ValueError as error:
        if not str(error).startswith("recursion limit exceeded"):
            raise FormgenError(f"{source}: not valid JSON: {error}") from None
        too_deep = True
    else:
        too_deep = _depth(data) > MAX_JSON_DEPTH
    if too_deep:
        raise FormgenError(f"{source}: JSON nested deeper than {MAX_JSON_DEPTH} levels; no form needs more than 10")
    return data


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's rows as dicts by column name, and how the file was written."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str], int]]   # (line number, values by column, how many values the line had)
    encoding: str
    delimiter: str


def _decode_csv(content: bytes, source: str) -> tuple[str, str]:
    """UTF-8 first (any valid UTF-8 is meant as such), then Windows-1251, which Excel writes in Kazakhstan."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1251")
    for encoding in encodings:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FormgenError(f"{source}: the text is neither UTF-8 nor Windows-1251 (cp1251); save it as "
                       "\"CSV UTF-8\" from Excel, or as UTF-8 text from LibreOffice")


def read_csv(content: bytes, source: str, expected: tuple[str, ...]) -> CsvTable:
    """A CSV table whose header row holds some of the expected column names.

    The encoding (UTF-8 with or without a byte-order mark, or Windows-1251) and
    the delimiter (comma, semicolon or tab) are found from the file; a file that
    fits none is refused naming the fix.
    """
    text, encoding = _decode_csv(content, source)
    if "\x00" in text:
        raise FormgenError(f"{source}: the text is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"")
    header = text.split("\n", 1)[0].rstrip("\r")
    if not header.strip():
        raise FormgenError(f"{source}: the first line is empty; it must name the columns ({', '.join(expected)})")
    counts = {d: len([c for c in next(csv.reader([header], delimiter=d)) if c.strip().lower() in expected])
              for d in CSV_DELIMITERS}
    delimiter = max(CSV_DELIMITERS, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        raise FormgenError(f"{source}: the first line {header[:80]!r} names none of the columns "
                           f"{', '.join(expected)}, separated by a comma, a semicolon or a tab")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        columns = [c.strip().lower() for c in next(reader)]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            rows.append((reader.line_num, dict(zip(columns, values)), len(values)))
    except csv.Error as error:
        raise FormgenError(f"{source}, line {reader.line_num}: {error}") from None
    return CsvTable(columns, rows, encoding, _DELIMITER_NAMES[delimiter])
