"""Turning case data into a checked model, with every problem named by its field path."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InvalidData, Problem
from ..locale import LANGS, Lang
from .schemas.common import Model

_TEXT_BRANCH_MESSAGE = (
    f"must be text, or an object with the text per language ({', '.join(LANGS)})"
)


def _path(loc: tuple[Any, ...]) -> str:
    """A dotted path without pydantic's union-branch markers ("str", "dict[...]", "function-after[...]")."""
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in ("str", "[key]") or "[" in str(part):
            continue
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def problems_of(error: ValidationError) -> list[Problem]:
    """One problem per field path: a value that fits neither branch of a text says so once."""
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in error.errors(include_url=False):
        by_path[_path(e["loc"])].append(e)
    problems = []
    for path, errors in by_path.items():
        types = {e["type"] for e in errors}
        if {"string_type", "dict_type"} <= types:
            problems.append(Problem(path, _TEXT_BRANCH_MESSAGE, "text_type", {"langs": ", ".join(LANGS)}))
            continue
        for e in errors:
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "missing":
                message = "required field is missing"
            elif e["type"] == "extra_forbidden":
                message = "unknown field (not in the form's schema)"
            problems.append(Problem(path, message, e["type"], e.get("ctx", {})))
    return problems


def validate_model(schema: type[Model], data: Mapping[str, Any] | Model) -> Model:
    """data checked against schema, its own checks across fields included."""
    if isinstance(data, schema):
        return data
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise InvalidData([Problem("", f"case data must be a JSON object, not {kind}", "data_not_object",
                                   {"type": kind})])
    try:
        model = schema.model_validate(data)
    except ValidationError as error:
        raise InvalidData(problems_of(error)) from None
    problems = model.problems()
    if problems:
        raise InvalidData(problems)
    return model


def missing_translations(value: Any, lang: Lang, path: str = "") -> list[Problem]:
    """Every per-language text of value that lacks lang: such a document is refused, not patched
    (save a name in English, which is transliterated)."""
    if isinstance(value, BaseModel):
        # an English document transliterates a name it has no English spelling of (forms/names.py)
        skip = value.NAME_FIELDS if lang == "en" and isinstance(value, Model) else ()
        return [p for name in type(value).model_fields if name not in skip
                for p in missing_translations(getattr(value, name), lang, f"{path}.{name}" if path else name)]
    if isinstance(value, list):
        return [p for i, element in enumerate(value) for p in missing_translations(element, lang, f"{path}[{i}]")]
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS) and all(isinstance(v, str) for v in value.values()):  # a text per language
            return [] if lang in value else [Problem(path, f"has no text in {lang!r} (given: {', '.join(value)})",
                                                     "missing_translation", {"lang": lang, "given": ", ".join(value)})]
        return [p for key, element in value.items() for p in missing_translations(element, lang, f"{path}.{key}")]
    return []
