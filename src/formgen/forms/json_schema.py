"""A form's JSON Schema as people and other systems read it, in kk, ru or en.

pydantic gives the structure; this adds, per language, a title and a
description to every field from the form's own wording (the numbered item
it fills, templates/<lang>/<form>.yaml; data/schema_labels.yaml for fields no
item names), the labels of every choice (the 17 kinds of facts, audit kinds
and modes, checklist marks…), `$id`, the fixture as an example, and the
patterns a plain JSON Schema validator checks (IIN/BIN, ISO dates).

Fields carry ``x-formgen-kind`` where a client needs more than the type: "text"
(one text, or one per language), "date" and "iin_bin".
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from typing import Any

from ..locale import LANGS, Lang
from ..resources import DATA_DIR, FIXTURES_DIR, read_yaml
from .audit import LAYOUTS
from .registry import get_form
from .schemas.checklist import REQUIREMENTS
from .wording import wording

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
IIN_BIN_PATTERN = "^[0-9]{12}$"


@functools.cache
def _labels() -> dict[str, Any]:
    return read_yaml(DATA_DIR / "schema_labels.yaml")


@functools.cache
def _pydantic_schema(form_id: str) -> dict[str, Any]:
    schema = get_form(form_id).schema.model_json_schema()
    _texts_as_any_of(schema)
    return schema


def _is_text(branches: list[Any]) -> bool:
    """The branches of a Text: a string, and an object keyed by language."""
    return len(branches) == 2 and any(b.get("type") == "string" for b in branches) and any(
        b.get("propertyNames", {}).get("enum") == list(LANGS) for b in branches)


def _texts_as_any_of(schema: dict[str, Any]) -> None:
    """pydantic writes a text (a string, or an object keyed by language) as the oneOf of its tagged
    union; here it is the anyOf of the two, an optional text's branches beside null, so that oneOf is
    left to choices, each a const with its label."""
    for node in _walk(schema):
        if _is_text(node.get("oneOf", [])):
            node["anyOf"] = node.pop("oneOf")
        if "anyOf" in node:
            node["anyOf"] = [branch for b in node["anyOf"]
                             for branch in (b["oneOf"] if set(b) == {"oneOf"} and _is_text(b["oneOf"]) else [b])]


def schema_id(form_id: str, lang: Lang) -> str:
    """The schema's `$id` when no service names its own URL for it."""
    return f"urn:formgen:schema:{form_id}:{lang}"


def _root_items(form_id: str, lang: Lang) -> dict[str, tuple[int | None, str]]:
    """Each top-level field and the label the form prints for it, with its item number where numbered."""
    words = wording(lang, form_id)
    if form_id in LAYOUTS:
        found: dict[str, tuple[int | None, str]] = {}
        for n, (item, label) in enumerate(zip(LAYOUTS[form_id], words["items"]), 1):
            for field in item.fields:
                found.setdefault(field, (n, label))
        if "place_caption" in words:
            found["place"] = (None, words["place_caption"])
        return found
    if form_id == "checklist":
        header, footer = words["header"], words["footer"]
        return {"state_body": (None, header["state_body"]), "appointing_body": (None, header["appointing_body"]),
                "act": (None, header["act"]), "officials": (None, footer["officials"]),
                "head": (None, footer["head"])}
    return {}


def _nested_labels(form_id: str, model: str, lang: Lang) -> dict[str, str]:
    """Labels the form's wording gives the fields of one nested model."""
    words = wording(lang, form_id)
    if model == "Reporter" and "footer" in words:
        return {k: v for k, v in words["footer"].items() if isinstance(v, str)}
    if model == "ChecklistSubject":
        header = words["header"]
        return {"name": header["entity_name"], "iin_bin": header["iin_bin"], "address": header["address"]}
    return {}


def _choices(form_id: str, model: str, field: str, lang: Lang) -> dict[Any, str] | None:
    """Every value a choice field takes, with its label in lang."""
    common = wording(lang, "common")
    if model == "AuditType" and field == "kind":
        return dict(common["audit_kind"])
    if model == "Specialist" and field == "kind":
        return dict(common["specialist_kind"])
    if model == "Finding" and field == "kind":
        return {int(k): v for k, v in common["fact_kinds"].items()}
    if field in _labels()["choices"]:
        return {value: names[lang] for value, names in _labels()["choices"][field].items()}
    return None


def _labelled(choices: dict[Any, str]) -> list[dict[str, Any]]:
    return [{"const": value, "title": label} for value, label in choices.items()]


def _text_kind(prop: dict[str, Any]) -> bool:
    """A Text field: a string, or an object keyed by language."""
    branches = prop.get("anyOf", [])
    return any(b.get("type") == "string" for b in branches) and any(
        b.get("propertyNames", {}).get("enum") == list(LANGS) for b in branches)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _describe_properties(form_id: str, model: str, schema: dict[str, Any], lang: Lang,
                         items: dict[str, tuple[int | None, str]]) -> None:
    generic = _labels()["fields"]
    item_word = _labels()["words"]["item"][lang]
    nested = _nested_labels(form_id, model, lang)
    for field, prop in schema.get("properties", {}).items():
        names = generic.get(field, {})
        hint = names.get("hint", {}).get(lang)
        number, label = items.get(field, (None, nested.get(field)))
        prop["title"] = label or names.get("title", {}).get(lang, field)
        description = [item_word.format(n=number)] if number else []
        if label and names.get("title") and field not in ("date", "number"):
            description.append(names["title"][lang])
        text = ". ".join(description)
        if hint:
            text = f"{text}: {hint}" if text else hint
        prop["description"] = text or prop["title"]
        target = prop["items"] if prop.get("type") == "array" and "items" in prop else prop
        choices = _choices(form_id, model, field, lang)
        if choices:
            target["oneOf"] = _labelled(choices)
        if _text_kind(target):
            target["x-formgen-kind"] = "text"
            prop["description"] += f" ({_labels()['words']['text_in'][lang]})"
        if field == "iin_bin":
            prop.update(pattern=IIN_BIN_PATTERN, **{"x-formgen-kind": "iin_bin"})


def _describe_checklist_results(schema: dict[str, Any], lang: Lang) -> None:
    """results: one property per requirement, titled with its text, marked "meets" or "fails"."""
    words = wording(lang, "checklist")
    marks = _labelled({"meets": words["columns"]["meets"], "fails": words["columns"]["fails"]})
    results = schema["properties"]["results"]
    results.pop("additionalProperties", None)
    results["properties"] = {
        str(n): {"type": "string", "enum": ["meets", "fails"], "oneOf": marks, "title": f"{n}. {text}",
                 "description": results["description"]}
        for n, text in enumerate(words["requirements"], 1)}
    results["additionalProperties"] = False
    assert len(results["properties"]) == REQUIREMENTS


def described_schema(form_id: str, lang: Lang, schema_url: str | None = None) -> dict[str, Any]:
    """form_id's JSON Schema (Draft 2020-12) with titles, descriptions and choice labels in lang."""
    spec = get_form(form_id)
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    schema = copy.deepcopy(_pydantic_schema(form_id))
    words = wording(lang, form_id)
    title = words["title"] if "title" in words else words["header"]["form_name"]["value"]
    annex = words.get("annex")
    reference = " ".join(annex) if isinstance(annex, list) else spec.reference
    schema = {"$schema": DIALECT, "$id": schema_url or schema_id(form_id, lang), **schema,
              "title": title, "description": reference}
    _describe_properties(form_id, spec.schema.__name__, schema, lang, _root_items(form_id, lang))
    for model, definition in schema.get("$defs", {}).items():
        _describe_properties(form_id, model, definition, lang, {})
        if lang != "en":  # pydantic's docstrings are English; each field says itself what it is
            definition.pop("description", None)
    if form_id == "checklist":
        _describe_checklist_results(schema, lang)
    for node in _walk(schema):
        if node.get("format") == "date":
            node.setdefault("pattern", DATE_PATTERN)
            node.setdefault("x-formgen-kind", "date")
    schema["examples"] = [json.loads((FIXTURES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))]
    return schema
