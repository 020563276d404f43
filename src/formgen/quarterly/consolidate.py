"""Consolidation of submitted reports: district into region into republic.

The Rules consolidate "by simply adding the values of the respective fields".
Each report is first completed by the arithmetic engine (a total left out
counts as what its parts add up to), then every cell is added; rows of
subtypes, services and service providers are merged by name.  Which report
gave what to each value is recorded.  The result is a report of the same form
and quarter, checked by the same rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import FormgenError, InvalidData
from ..forms.registry import validate
from ..forms.report_layouts import REPORT_IDS
from ..forms.schemas.reports import REPORT_SCHEMAS, Report
from ..rendering.record import case_from_pdf, is_pdf

Provenance = dict[str, list[dict[str, Any]]]


@dataclass
class Consolidated:
    form_id: str
    data: dict[str, Any]
    sources: Provenance = field(default_factory=dict)
    """"<cells path>/<column>" → [{"report": name, "value": v}, …] for every value that went into it."""


def read_report(path: Path, form_id: str) -> dict[str, Any]:
    """A filled report from JSON, from an XLSX formgen wrote, or from a PDF the register issued,
    checked to be of form_id."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FormgenError(f"{path}: cannot read: {error}") from None
    if is_pdf(content):
        return case_from_pdf(content, form_id, source=str(path))
    if path.suffix.lower() == ".xlsx":
        from ..rendering.xlsx import read_xlsx

        found, data = read_xlsx(content, source=str(path))
        if found != form_id:
            raise FormgenError(f"{path}: is a {found} report, not {form_id}")
        return data
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FormgenError(f"{path}: not valid JSON: {error}") from None
    if isinstance(data, dict):
        fits = [f for f, schema in REPORT_SCHEMAS.items() if set(data) <= set(schema.model_fields)]
        if form_id not in fits and fits:
            raise FormgenError(f"{path}: is a {' or '.join(fits)} report (its fields: {', '.join(data)}), not {form_id}")
    return data


def _name_key(text: str | dict[str, str]) -> tuple:
    """Names match whatever their spacing and case."""
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().casefold()
    return ("*", norm(text)) if isinstance(text, str) else tuple(sorted((k, norm(v)) for k, v in text.items()))


class _Adder:
    def __init__(self) -> None:
        self.sources: Provenance = {}

    def cells(self, target: dict[str, Any], values: dict[str, int | None], path: str, report: str) -> None:
        for column, value in values.items():
            if value is None:
                continue
            target[column] = target.get(column, 0) + value
            self.sources.setdefault(f"{path}/{column}", []).append({"report": report, "value": value})

    def named(self, merged: list[dict[str, Any]], index: dict[tuple, int], item, node, path: str, report: str,
              children: str | None = None, extra: Iterable[str] = ()) -> None:
        """Add a named row (and, recursively, its named children) into merged, matched by name."""
        key = (_name_key(item.name), *(_name_key(getattr(item, e)) if getattr(item, e) else None for e in extra))
        if key not in index:
            index[key] = len(merged)
            entry = {"name": item.name, **{e: getattr(item, e) for e in extra if getattr(item, e)}, "cells": {}}
            if children:
                entry[children] = []
                entry["_index"] = {}
            merged.append(entry)
        i = index[key]
        target = merged[i]
        self.cells(target["cells"], node.values, f"{path}/{i}/cells", report)
        if children:
            grandchildren = "subtypes" if children == "services" else None
            for child, child_node in zip(getattr(item, children), node.children):
                self.named(target[children], target["_index"], child, child_node, f"{path}/{i}/{children}", report,
                           grandchildren)


def _drop_indexes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_indexes(v) for k, v in value.items() if k != "_index"}
    if isinstance(value, list):
        return [_drop_indexes(v) for v in value]
    return value


def consolidate(form_id: str, reports: list[tuple[str, dict[str, Any] | Report]]) -> Consolidated:
    """The sum of reports ((name, data) pairs) of one form and quarter; InvalidData names a bad report."""
    if form_id not in REPORT_IDS:
        raise FormgenError(f"{form_id} is not a report form; consolidate takes {', '.join(REPORT_IDS)}")
    if not reports:
        raise FormgenError("no reports to consolidate")
    models: list[tuple[str, Report]] = []
    for name, data in reports:
        try:
            models.append((name, validate(form_id, data)))
        except InvalidData as error:
            raise InvalidData([replace(p, path=f"{name}: {p.path}") for p in error.problems]) from None
    first_name, first = models[0]
    for name, model in models[1:]:
        if (model.year, model.quarter) != (first.year, first.quarter):
            raise FormgenError(f"{name} is for Q{model.quarter} {model.year}, {first_name} for Q{first.quarter} "
                               f"{first.year}: only reports of one quarter add up")
    adder = _Adder()
    result: dict[str, Any] = {"year": first.year, "quarter": first.quarter}
    for name, model in models:
        roots = model.solved()[0]
        if form_id == "report-1mk":
            _add_1mk(adder, result, model, roots, name)
        else:
            _add_hierarchy(adder, result, model, roots[0], name)
    return Consolidated(form_id, _drop_indexes(result), adder.sources)


def _add_1mk(adder: _Adder, result: dict[str, Any], model, roots, report: str) -> None:
    nodes = {node.code: node for root in roots for node in root.walk()}
    rows = result.setdefault("rows", {})
    for code in model.LAYOUT.row_codes:
        adder.cells(rows.setdefault(code, {}), nodes[code].values, f"rows/{code}", report)
    merged = result.setdefault("subtypes", {})
    indexes = result.setdefault("_index", {})
    for parent, subtypes in model.subtypes.items():
        target = merged.setdefault(parent, [])
        for subtype, node in zip(subtypes, nodes[parent].children):
            adder.named(target, indexes.setdefault(parent, {}), subtype, node, f"subtypes/{parent}", report,
                        extra=("system",))


def _add_hierarchy(adder: _Adder, result: dict[str, Any], model, total, report: str) -> None:
    adder.cells(result.setdefault("total", {}), total.values, "total", report)
    if model.LAYOUT.groups:
        for name, group_node in zip(("paper", "electronic"), total.children):
            group = result.setdefault(name, {"cells": {}, "providers": [], "_index": {}})
            adder.cells(group["cells"], group_node.values, f"{name}/cells", report)
            for provider, node in zip(getattr(model, name).providers, group_node.children):
                adder.named(group["providers"], group["_index"], provider, node, f"{name}/providers", report, "services")
    else:
        providers = result.setdefault("providers", [])
        index = result.setdefault("_index", {})
        for provider, node in zip(model.providers, total.children):
            adder.named(providers, index, provider, node, "providers", report, "services")
