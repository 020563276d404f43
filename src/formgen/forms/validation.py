"""Turning case data into a checked model, with every problem named by its field path."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InvalidData, Problem
from ..locale import LANGS, Lang
from .limits import LIMITS, too_many
from .schemas.common import TEXT_TAGS, Model

MAX_PROBLEMS = 100
"""Problems listed at most for one document; the rest are counted in one last line."""

_PLAIN_KEY = re.compile(r"[\w.\-]+")


def path_step(key: Any, first: bool) -> str:
    """One step of a field path: `.name`, `[3]` for a list's element, `['odd key']` for a key that
    would otherwise be invisible or ambiguous (empty, spaces, brackets, control characters)."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    if isinstance(key, str) and _PLAIN_KEY.fullmatch(key):
        return key if first else f".{key}"
    return f"[{key!r}]"  # repr shows every invisible character as an escape


_NOTHING = object()


def _path(loc: tuple[Any, ...], data: Any = _NOTHING) -> str:
    """The field path of a pydantic error's location in data.

    The location mixes the keys and indexes of the data with pydantic's own
    markers (which kind of text a value was taken for, "[key]" for an error in a
    key); following the location through the data tells them apart, whatever a
    key is called.  Without the data, the markers are known by name.
    """
    path, node = "", data
    for i, part in enumerate(loc):
        if node is _NOTHING:
            if part not in TEXT_TAGS and part != "[key]":
                path += path_step(part, first=not path)
        elif isinstance(node, Mapping) and part in node:
            path += path_step(part, first=not path)
            node = node[part]
        elif isinstance(node, Mapping) and i == len(loc) - 1 and part != "[key]":
            path += path_step(part, first=not path)  # a required field the data lacks
        elif isinstance(node, Sequence) and not isinstance(node, str) and isinstance(part, int) \
                and 0 <= part < len(node):
            path += path_step(part, first=not path)
            node = node[part]
        # anything else is one of pydantic's markers
    return path


def _message(error: dict[str, Any]) -> str:
    """pydantic's message, said the way formgen says it: what is wrong, and the limit where one applies."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (not in the form's schema)"
    if kind == "string_too_long":
        return f"is {len(error['input'].strip()):,} characters long; at most {ctx['max_length']:,} are allowed"
    if kind == "too_long":
        return f"has {ctx['actual_length']:,} items; at most {ctx['max_length']:,} are allowed"
    return error["msg"].removeprefix("Value error, ")


def problems_of(error: ValidationError, data: Any = _NOTHING) -> list[Problem]:
    """One problem per error, each at its field path in data (the input pydantic was given), with
    pydantic's error type as its code (formgen.forms.messages words it in each language)."""
    problems = [Problem(_path(e["loc"], data), _message(e), e["type"], e.get("ctx", {}))
                for e in error.errors(include_url=False)]
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [
            Problem(problems[MAX_PROBLEMS].path, f"and {rest:,} more problems (the first {MAX_PROBLEMS} are listed)",
                    "more_problems", {"rest": rest, "listed": MAX_PROBLEMS})]
    return problems


_Link = tuple[Any, Any] | None
"""A value's place in the case data: (its parent's link, its key or index); None for the whole."""


def _spelt(link: _Link) -> str:
    keys = []
    while link is not None:
        link, key = link
        keys.append(key)
    path = ""
    for key in reversed(keys):
        path += path_step(key, not path)
    return path


def input_problems(data: Any) -> list[Problem]:
    """Case data too big or too deep to be a document (data/limits.yaml, "document"): refused
    before anything else looks at it, at the path where it crosses the limit.

    Walked with a stack of its own, so that no nesting can exhaust Python's; a value's path is
    kept as a link to its parent's and spelt out only for a problem.
    """
    limits = LIMITS.document
    values = characters = 0
    stack: list[tuple[_Link, Any, int]] = [(None, data, 0)]
    while stack:
        link, value, depth = stack.pop()
        values += 1
        if depth > limits.depth:
            return [Problem(_spelt(link), f"is nested deeper than {limits.depth} levels of objects and lists; "
                                          f"at most {limits.depth} are allowed", "data_too_deep",
                            {"limit": limits.depth})]
        if values > limits.values:
            return [Problem(_spelt(link), f"the case data holds more than {limits.values:,} values; "
                                          f"at most {limits.values:,} are allowed", "data_too_many_values",
                            {"limit": limits.values})]
        if isinstance(value, str):
            characters += len(value)
        elif isinstance(value, Mapping):
            characters += sum(len(k) for k in value if isinstance(k, str))
            stack += [((link, k), v, depth + 1) for k, v in value.items()]
        elif isinstance(value, Sequence):
            stack += [((link, i), v, depth + 1) for i, v in enumerate(value)]
        if characters > limits.characters:
            return [Problem(_spelt(link), f"the case data's texts hold more than {limits.characters:,} characters; "
                                          f"at most {limits.characters:,} are allowed", "data_too_many_characters",
                            {"limit": limits.characters})]
    return []


_HOLDS_TEXT = (BaseModel, list, tuple, dict, str)
"""What may be or hold a text: a report's thousands of numbers are passed over without a step each."""
_LANG_KEYS = frozenset(LANGS)


def _texts(value: Any, path: str = "", skip_names: bool = False) -> Iterator[tuple[str, str | dict[str, str]]]:
    """Every text of a model with its field path: a string, or a text per language; skip_names
    leaves out persons' names (Model.NAME_FIELDS)."""
    if isinstance(value, BaseModel):
        skip = value.NAME_FIELDS if skip_names and isinstance(value, Model) else ()
        for name in type(value).model_fields:
            element = getattr(value, name)
            if name not in skip and isinstance(element, _HOLDS_TEXT):
                yield from _texts(element, f"{path}.{name}" if path else name, skip_names)
    elif isinstance(value, (list, tuple)):
        for i, element in enumerate(value):
            if isinstance(element, _HOLDS_TEXT):
                yield from _texts(element, f"{path}[{i}]", skip_names)
    elif isinstance(value, dict):
        if value and value.keys() <= _LANG_KEYS and all(isinstance(v, str) for v in value.values()):
            yield path, value
        else:
            for key, element in value.items():
                if isinstance(element, _HOLDS_TEXT):
                    yield from _texts(element, path + path_step(key, not path), skip_names)
    elif isinstance(value, str):
        yield path, value


def printed_size_problems(model: Model) -> list[Problem]:
    """Text a document would print in one language over the limit of a document, named at the field
    where the count passes it."""
    limit = LIMITS.document.printed_characters
    printed = dict.fromkeys(LANGS, 0)
    for path, text in _texts(model):
        for lang in LANGS:
            printed[lang] += len(text if isinstance(text, str) else text.get(lang, ""))
            if printed[lang] > limit:
                return [Problem(path, f"the document's text in {lang!r} {too_many(printed[lang], limit, 'characters')} "
                                      "(the limit of one document; the count passes it here)", "printed_too_long",
                                {"lang": lang, "count": printed[lang], "limit": limit})]
    return []


def validate_model(schema: type[Model], data: Mapping[str, Any] | Model) -> Model:
    """data checked against schema, its own checks across fields included."""
    if isinstance(data, schema):
        return data
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise InvalidData([Problem("", f"case data must be a JSON object, not {kind}", "data_not_object",
                                   {"type": kind})])
    problems = input_problems(data)
    if problems:
        raise InvalidData(problems)
    try:
        model = schema.model_validate(data)
    except ValidationError as error:
        raise InvalidData(problems_of(error, data)) from None
    problems = printed_size_problems(model) or model.problems()
    if problems:
        raise InvalidData(problems)
    return model


def missing_translations(value: Any, lang: Lang) -> list[Problem]:
    """Every per-language text of value that lacks lang: such a document is refused, not patched
    (save a person's name in English, which is transliterated: forms/names.py)."""
    return [Problem(path, f"has no text in {lang!r} (given: {', '.join(text)})", "missing_translation",
                    {"lang": lang, "given": ", ".join(text)})
            for path, text in _texts(value, skip_names=lang == "en") if isinstance(text, dict) and lang not in text]
