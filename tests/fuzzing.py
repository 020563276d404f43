"""Hostile cases for every form, and the invariant each must meet.

A case is a form's fixture (a valid case, fixtures/<form>.json) with one
thing changed, told by the form's JSON Schema where it can (a text's
maxLength, a list's maxItems): a field replaced by hostile text (template
code, markup, control characters C0 and C1, invisible characters only, texts
near and over their limit, long unbroken tokens, right-to-left text, emoji
and other astral characters, line breaks), a value of the wrong type, a date
at the edge of the calendar, nesting a hundred thousand deep, a list near and
over its limit, a field removed, an unknown key added.

The invariant: either a valid document (a DOCX that python-docx opens and
whose every XML part parses, a PDF that pypdf reads and whose every glyph
stays inside its box, an XLSX that openpyxl loads, HTML without a tag a value
brought in; a hostile text that was accepted appears in it literally) or
InvalidData whose every problem names its field on one line.  Anything else
is a failure.  tests/test_fuzz.py runs a bounded number per form in every
test run; benchmarks/fuzz.py runs as many as asked.
"""

from __future__ import annotations

import copy
import io
import re
import reprlib
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from docx import Document
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

import formgen
from formgen.forms.limits import LIMITS
from formgen.forms.names import name_in
from formgen.locale import LANGS
from formgen.typesetting import SOFT_HYPHEN

from conftest import docx_text, load_fixture, text_outside_its_box

FORM_IDS = list(formgen.FORMS)
FIXTURES = {form_id: load_fixture(form_id) for form_id in FORM_IDS}
SCHEMAS = {form_id: formgen.schema(form_id) for form_id in FORM_IDS}

# ------------------------------------------------------------------ where the fixture can be changed


def paths(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path under data's root: objects, lists and values alike."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*path, i))
    return found


def get(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


PATHS = {form_id: paths(FIXTURES[form_id]) for form_id in FORM_IDS}
OBJECTS = {form_id: [()] + [p for p in PATHS[form_id] if isinstance(get(FIXTURES[form_id], p), dict)]
           for form_id in FORM_IDS}
LISTS = {form_id: [p for p in PATHS[form_id] if isinstance(get(FIXTURES[form_id], p), list) and get(FIXTURES[form_id], p)]
         for form_id in FORM_IDS}


def schema_at(schema: dict, path: tuple) -> dict:
    """The JSON Schema of the value at path (its branch for a string where a text may be either kind)."""
    node, defs = schema, schema.get("$defs", {})
    for step in (*path, None):
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        branches = node.get("oneOf") or node.get("anyOf")
        if branches:
            kinds = [b for b in branches if b.get("type") != "null"]
            wanted = "string" if step is None else ("array" if isinstance(step, int) else "object")
            node = next((b for b in kinds if b.get("type") == wanted), kinds[0])
            while "$ref" in node:
                node = defs[node["$ref"].rsplit("/", 1)[1]]
        if step is None:
            return node
        if isinstance(step, int):
            node = node.get("items", {})
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        else:
            node = node.get("additionalProperties", {}) if isinstance(node.get("additionalProperties"), dict) else {}
    return node


# ------------------------------------------------------------------ hostile values

MARKUP = ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ ''.__class__.__mro__ }}", "<script>alert(1)</script>",
          "</w:t></w:r><w:r><w:t>", "& &amp; &lt;b&gt;", "<![CDATA[x]]>", "]]>", "<br>", "{#", "#}", "{%", "%}",
          "\\n", "\"'`", "</p></div>", "<?xml version='1.0'?>", "file:///etc/passwd", "http://example.com/x.png"]
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u202a\u202e\u2066\ufe0f\u3164 \u3000\u00a0\t"
RTL = ["مرحبا بالعالم", "שלום עולם", "ال‎ـمـراجـعـة ٣٤٥", "עברית 123 mixed"]
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
EDGE_DATES = ["0001-01-01", "9999-12-31", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "2026-02-30",
              "2026-13-01", "2026-00-10", "26-01-01", "2026-1-1", "2026-01-01T00:00:00", "2026-01-01T10:30:00Z",
              "+12026-01-01", "", "today"]
ODD_KEYS = ["", "str", "[key]", "per language", "every language", "__proto__", "__class__", "number ", "Number", "x.y",
            "a[0]", "\x00", "\u202e", "{{ x }}", "kk", "cells", "0"]

text_fragments = st.one_of(
    st.sampled_from(MARKUP),
    st.text(alphabet=LETTERS + " ,.-«»№", min_size=1, max_size=40),
    st.characters(categories=["Cc"]).map(lambda c: f"ab{c}cd"),                   # C0, C1, DEL, tab, newlines
    st.text(alphabet=INVISIBLE, min_size=1, max_size=6),                          # invisible only
    st.sampled_from(RTL),
    st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), min_size=1, max_size=6),  # emoji
    st.text(alphabet=st.characters(min_codepoint=0x1D400, max_codepoint=0x1D7FF), min_size=1, max_size=6),  # astral
    st.sampled_from(["line one\nline two", "a\r\nb", "x\ry", "p\u2028q", "\n\nspaced\n\n", " lead", "trail \t"]),
    st.text(max_size=12),                                                         # anything at all
    st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=2),   # lone surrogates
)


@st.composite
def long_token(draw) -> str:
    """A word without spaces: a token, an e-mail, a reference."""
    length = draw(st.integers(min_value=30, max_value=600))
    kind = draw(st.sampled_from(["token", "email", "reference"]))
    if kind == "email":
        return ("user." * length)[:length] + "@example.gov.kz"
    if kind == "reference":
        return "/".join(f"{n:03d}" for n in range(length // 4 + 1))
    return draw(st.sampled_from("ЖWмa0_")) * length


@st.composite
def near_limit(draw, limit: int) -> str:
    """Text of about a field's limit, in words or as one token."""
    length = draw(st.sampled_from([limit - 1, limit, limit + 1, limit * 2]))
    unit = draw(st.sampled_from(["слово ", "Ж", "a b "]))
    return (unit * (length // len(unit) + 1))[:length]


def hostile_text(limit: int | None) -> st.SearchStrategy[str]:
    parts = st.lists(text_fragments, min_size=1, max_size=3).map("".join)
    options = [parts, long_token()]
    if limit:
        options.append(near_limit(limit))
    return st.one_of(options)


wrong_types = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10 ** 20), max_value=10 ** 20), st.floats(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.just([]), st.just({}), st.just([[["x"]]]),
)
numbers = st.one_of(st.integers(min_value=-2, max_value=10 ** 15),
                    st.sampled_from([999_999_999_999, 10 ** 12, 2 ** 63, -1, 0, 1.0, 1.5, "1", True, None]))
dates = st.one_of(st.sampled_from(EDGE_DATES), st.dates().map(lambda d: d.isoformat()),
                  st.integers(min_value=-(2 ** 40), max_value=2 ** 40))


@st.composite
def nesting(draw) -> Any:
    depth = draw(st.sampled_from([15, 16, 17, 100, 100_000]))
    make = draw(st.sampled_from([dict, list]))
    root = inner = make()
    for _ in range(depth):
        child = make()
        inner.__setitem__("a", child) if isinstance(inner, dict) else inner.append(child)
        inner = child
    return root


# ------------------------------------------------------------------ cases


@dataclass
class Case:
    form_id: str
    data: dict | None
    """None: the blank form, with options."""
    lang: str
    fmt: str
    change: str
    printed: str | None = None
    """A text that was put in and, if the document is made, must appear in it as given."""
    options: dict | None = None

    def __repr__(self) -> str:  # what hypothesis shows for a failing case: short, without the fixture
        shown = repr(self.printed)[:120] if self.printed is not None else "-"
        return f"Case({self.form_id}, {self.lang}, {self.fmt}, {self.change[:300]}, printed={shown})"


def _short(value: Any) -> str:
    """value for a failure's report: nesting and long texts shortened."""
    if isinstance(value, str) and len(value) > 100:
        return f"{value[:80]!r}… ({len(value)} characters)"
    return reprlib.repr(value)


@st.composite
def cases(draw, form_id: str | None = None, formats: tuple[str, ...] = ("docx", "html", "xlsx")) -> Case:
    """A case of form_id (any form if None): its fixture with one thing changed, and how to render it
    (in one of formats that the form has)."""
    form_id = form_id or draw(st.sampled_from(FORM_IDS))
    data = copy.deepcopy(FIXTURES[form_id])
    lang = draw(st.sampled_from(LANGS))
    fmt = draw(st.sampled_from([f for f in formats if f in formgen.FORMS[form_id].formats]))
    kind = draw(st.sampled_from(["text", "text", "text", "type", "date", "nesting", "list", "delete", "key", "number",
                                 "blank"]))
    printed = None
    if kind == "blank" and "reporter" in formgen.FORMS[form_id].blank_options:
        field = draw(st.sampled_from(["authority", "address", "phone", "email", "head"]))
        value = draw(st.one_of(hostile_text(LIMITS.text.line), wrong_types,
                               st.dictionaries(st.sampled_from([*LANGS, "de"]), hostile_text(None), max_size=3)))
        options = {"year": draw(st.sampled_from([2026, 2100, 2101, 1999])), "quarter": draw(st.integers(0, 5)),
                   "reporter": {field: value}}
        printed = value if isinstance(value, str) else value.get(lang) if isinstance(value, dict) else None
        if field == "head" and isinstance(value, (str, dict)):
            printed = _as_named(value, lang)
        return Case(form_id, None, lang, fmt, f"blank, {options!r}"[:300], printed, options)
    if kind == "key":
        where = draw(st.sampled_from(OBJECTS[form_id]))
        key = draw(st.one_of(st.sampled_from(ODD_KEYS), st.text(max_size=8)))
        value = draw(st.one_of(hostile_text(None), wrong_types))
        get(data, where)[key] = value
        return Case(form_id, data, lang, fmt, f"add {key!r}: {_short(value)} at {where}")
    if kind == "list" and LISTS[form_id]:
        where = draw(st.sampled_from(LISTS[form_id]))
        items = get(data, where)
        limit = schema_at(SCHEMAS[form_id], where).get("maxItems") or 60
        count = draw(st.sampled_from([0, 1, limit - 1, limit, limit + 1]))
        items[:] = [copy.deepcopy(items[i % len(items)]) for i in range(count)]
        return Case(form_id, data, lang, fmt, f"{count} items at {where}")
    where = draw(st.sampled_from(PATHS[form_id]))
    parent, last = get(data, where[:-1]), where[-1]
    if kind == "delete":
        if isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
        return Case(form_id, data, lang, fmt, f"delete {where}")
    if kind == "text":
        value = draw(hostile_text(schema_at(SCHEMAS[form_id], where).get("maxLength")))
        if not (last in LANGS and last != lang):  # a text in another language is not printed in this one
            printed = value
    else:
        value = draw({"type": wrong_types, "date": dates, "nesting": nesting(), "number": numbers}.get(kind, wrong_types))
    parent[last] = value
    name = where if where[-1] in NAME_FIELDS else where[:-1] if len(where) > 1 and where[-2] in NAME_FIELDS else None
    if printed is not None and name is not None:
        printed = _as_named(get(data, name), lang)
    return Case(form_id, data, lang, fmt, f"{where} = {_short(value)}", printed)


NAME_FIELDS = ("surname", "first_name", "patronymic", "head")
"""Fields that hold a person's name: an English document prints a Cyrillic one transliterated."""


def _as_named(name: str | dict[str, str], lang: str) -> str | None:
    """How a document in lang prints a person's name (forms/names.py), or None when not at all."""
    if isinstance(name, dict) and not (set(name) <= set(LANGS) and all(isinstance(v, str) for v in name.values())):
        return None
    if isinstance(name, dict) and lang != "en" and lang not in name:
        return None  # refused: not given in the document's language
    return name_in(name, lang) if name else None


# ------------------------------------------------------------------ the invariant


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "p", "span", "h1", "b", "br", "table", "colgroup",
             "col", "thead", "tbody", "tr", "th", "td"}


def as_printed(value: str) -> str:
    """A text as the schema keeps it: each line stripped, blank lines left out, every line break one newline."""
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


def _pdf_comparable(text: str) -> bool:
    """Text a PDF gives back as typed: Latin, Greek and Cyrillic letters, digits, punctuation (no marks,
    no right-to-left or astral characters, which the layout reorders, shapes or leaves to fallback fonts)."""
    return all(ord(c) < 0x0530 and unicodedata.category(c)[0] in "LNPSZ" or c.isspace() for c in text)


def document_text(case: Case, content: bytes) -> str:
    """The document's text, after checking that the file is what its format promises."""
    if case.fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as parts:
            assert parts.testzip() is None
            for name in parts.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(parts.read(name))
        return docx_text(content)
    if case.fmt == "pdf":
        overprinted = text_outside_its_box(content)
        assert not overprinted, overprinted[:5]
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        return re.sub("\u2010\\s+", "", text)  # a word hyphenation broke at a line's end, joined again
    if case.fmt == "xlsx":
        book = load_workbook(io.BytesIO(content))
        return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                         if cell.value is not None)
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    assert parser.tags <= HTML_TAGS, parser.tags - HTML_TAGS
    return "".join(parser.parts)


def check(case: Case) -> str:
    """The outcome of a case ("docx", "pdf", …: a document; "invalid": InvalidData), or AssertionError
    when the invariant fails; any other exception is let through (a failure too)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", formgen.LateDocument)
            content = formgen.render(case.form_id, case.data, lang=case.lang, fmt=case.fmt, blank=case.data is None,
                                     **(case.options or {}))
    except formgen.InvalidData as error:
        assert error.problems, "InvalidData without a problem"
        for problem in error.problems:
            assert problem.path, f"a problem without a field path: {problem}"
            assert "\n" not in str(problem), f"a problem on more than one line: {problem!r}"
        return "invalid"
    text = document_text(case, content).replace(SOFT_HYPHEN, "")  # a word's break points print nothing
    if case.printed is not None and as_printed(case.printed):
        expected = as_printed(case.printed).replace(SOFT_HYPHEN, "")
        if case.fmt == "pdf":
            if _pdf_comparable(expected):
                assert "".join(expected.split()) in "".join(text.split()), f"{expected!r} is not in the PDF"
        elif case.fmt == "xlsx":
            assert expected.replace("\n", " ") in text.replace("\n", " "), f"{expected!r} is not in the XLSX"
        else:
            assert expected in text, f"{expected!r} is not in the {case.fmt.upper()}"
    return case.fmt

