"""Consolidation of submitted reports: district into region into republic.

The Rules consolidate "by simply adding the values of the respective fields".
Each report is first completed by the arithmetic engine (a total left out
counts as what its parts add up to), then every cell is added; rows of
subtypes, services and service providers are merged by name.  Which report
gave what to each value is recorded.  The result is a report of the same form
and quarter, checked by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import FormgenError, InvalidData
from ..forms.registry import get_form, validate
from ..forms.report_layouts import REPORT_IDS
from ..forms.schemas.reports import REPORT_SCHEMAS, Report
from ..inputs import parse_json
from ..locale import Lang
from ..rendering.record import case_from_pdf, is_pdf
from .bodies import Body

Provenance = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Submission:
    """One report handed in: where it came from, its data, and who sent it."""

    name: str                              # the file (or any label) it came from
    data: Mapping[str, Any] | Report
    body: str | None = None                # the body's id, when the return records it (bulk's XLSX)
    modified: float = 0.0                  # when it was saved: with latest, the later of one body's wins
    cells: Mapping[str, str] = field(default_factory=dict)   # an XLSX's field path → cell, for errors


@dataclass
class Consolidated:
    form_id: str
    data: dict[str, Any]
    sources: Provenance = field(default_factory=dict)
    """"<cells path>/<column>" → [{"report": name, "value": v}, …] for every value that went into it."""
    parts: list[tuple[str, Report]] = field(default_factory=list)
    """(body, report) of every report added, in order."""
    notes: list[str] = field(default_factory=list)
    """What the statistician must know: a return replaced by a later one, returns not submitted."""
    incomplete: bool = False
    """Some body's return is empty, or an expected body has not reported."""

    def xlsx(self, lang: Lang) -> bytes:
        """The consolidated report as XLSX: the total, saying it is one and of whom, and a sheet per body."""
        from ..rendering.xlsx import render_consolidation_xlsx

        spec = get_form(self.form_id)
        total = validate(self.form_id, self.data)
        return render_consolidation_xlsx(self.form_id, lang, (total, spec.context(total, lang)),
                                         [(who, model, spec.context(model, lang)) for who, model in self.parts])


def read_report(path: Path, form_id: str) -> Submission:
    """A filled report from JSON, from an XLSX formgen wrote, or from a PDF the register issued,
    checked to be of form_id."""
    try:
        content = path.read_bytes()
        modified = path.stat().st_mtime
    except OSError as error:
        raise FormgenError(f"{path}: cannot read: {error.strerror or error}") from None
    if is_pdf(content):
        return Submission(str(path), case_from_pdf(content, form_id, source=str(path)), modified=modified)
    if path.suffix.lower() == ".xlsx":
        from ..rendering.xlsx_read import read_xlsx

        found = read_xlsx(content, source=str(path))
        if found.form_id != form_id:
            raise FormgenError(f"{path}: is a {found.form_id} report, not {form_id}")
        return Submission(str(path), found.data, found.body, modified, found.cells)
    data = parse_json(content, str(path))
    if isinstance(data, dict):
        fits = [f for f, schema in REPORT_SCHEMAS.items() if set(data) <= set(schema.model_fields)]
        if form_id not in fits and fits:
            raise FormgenError(f"{path}: is a {' or '.join(fits)} report (its fields: {', '.join(data)}), not {form_id}")
    return Submission(str(path), data, modified=modified)


def _texts(text: str | dict[str, str] | None) -> set[str]:
    """A name in each language it is given in, whatever its spacing and case."""
    if text is None:
        return {""}
    values = [text] if isinstance(text, str) else list(text.values())
    return {re.sub(r"\s+", " ", v).strip().casefold() for v in values}


def _keys(item, extra: Iterable[str]) -> set[tuple[str, ...]]:
    """Every way a row's name (and its information system) can match another report's: a name typed
    in one language into a return matches the same name given in three languages."""
    keys = {(name,) for name in _texts(item.name)}
    for attribute in extra:
        keys = {(*key, other) for key in keys for other in _texts(getattr(item, attribute))}
    return keys


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
        keys = _keys(item, extra)
        i = next((index[k] for k in keys if k in index), None)
        if i is None:
            i = len(merged)
            entry = {"name": item.name, **{e: getattr(item, e) for e in extra if getattr(item, e)}, "cells": {}}
            if children:
                entry[children] = []
                entry["_index"] = {}
            merged.append(entry)
        elif isinstance(merged[i]["name"], str) and isinstance(item.name, dict):
            merged[i]["name"] = item.name   # the name in every language beats one typed in one
        index.update(dict.fromkeys(keys, i))
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


def _checked(form_id: str, submission: Submission) -> Report:
    try:
        return validate(form_id, submission.data)
    except InvalidData as error:
        raise InvalidData([replace(p, path=f"{submission.name}: {submission.cells.get(p.path, p.path)}")
                           for p in error.problems]) from None


def _is_empty(model: Report) -> bool:
    return all(v is None for root in model.tree() for node in root.walk() for v in node.given.values())


def _who(submission: Submission, model: Report, expected: list[Body], known: dict[str, set[str]]) -> str:
    """Who sent a report: the body id it records, the expected body or the body already seen that its
    name (in any language) is, its name, or else its file."""
    if submission.body:
        return submission.body
    names = _texts(model.reporter.authority) - {""} if model.reporter.authority else set()
    for body in expected:
        if names & _texts(body.reporter.authority):
            return body.id
    for who, their_names in known.items():
        if names & their_names:
            return who
    authority = model.reporter.authority
    if not names:
        return submission.name
    return authority if isinstance(authority, str) else next(iter(authority.values()))


def consolidate(form_id: str, reports: Iterable[Submission | tuple[str, Mapping[str, Any] | Report]], *,
                latest: bool = False, expected: list[Body] | None = None) -> Consolidated:
    """The sum of reports of one form and quarter; InvalidData names a bad report.

    A body's second report is refused, or with latest the one saved later
    replaces the other; an empty report counts as not submitted; the expected
    bodies that did not report are listed in the notes.
    """
    if form_id not in REPORT_IDS:
        raise FormgenError(f"{form_id} is not a report form; consolidate takes {', '.join(REPORT_IDS)}")
    submissions = [r if isinstance(r, Submission) else Submission(*r) for r in reports]
    if not submissions:
        raise FormgenError("no reports to consolidate")
    expected = expected or []
    notes: list[str] = []
    chosen: dict[str, tuple[Submission, Report]] = {}
    known: dict[str, set[str]] = {}
    contents: dict[str, str] = {}
    empty = []
    checked = [(submission, _checked(form_id, submission)) for submission in submissions]
    first_name, first = checked[0][0].name, checked[0][1]
    for submission, model in checked[1:]:
        if (model.year, model.quarter) != (first.year, first.quarter):
            raise FormgenError(f"{submission.name} is for Q{model.quarter} {model.year}, {first_name} for "
                               f"Q{first.quarter} {first.year}: only reports of one quarter add up")
    for submission, model in checked:
        who = _who(submission, model, expected, known)
        known.setdefault(who, set()).update(_texts(model.reporter.authority) - {""} if model.reporter.authority
                                            else set())
        if _is_empty(model):
            empty.append(who)
            notes.append(f"{submission.name} ({who}): no number in it; counted as not submitted")
            continue
        content = model.model_dump_json(exclude={"reporter", "date"})
        if who == submission.name and content in contents:   # no body named: the same numbers are the same return
            raise FormgenError(f"{submission.name} holds the same numbers as {contents[content]}: "
                               "the same return given twice?")
        if who in chosen:
            other = chosen[who][0]
            if not latest:
                raise FormgenError(f"{submission.name} and {other.name} are both from {who}; give one "
                                   "(or --latest to take the one saved later)")
            later, earlier = (submission, other) if submission.modified >= other.modified else (other, submission)
            notes.append(f"{who}: {later.name} replaces {earlier.name} (saved later)")
            if later is other:
                continue
        chosen[who] = (submission, model)
        contents[content] = submission.name
    if not chosen:
        raise FormgenError("no report has a number in it: nothing to add up")
    models = [(who, submission.name, model) for who, (submission, model) in chosen.items()]
    missing = [body for body in expected if body.id not in chosen]
    if missing:
        notes.append(f"not reported ({len(missing)} of {len(expected)}): "
                     + ", ".join(f"{b.id} ({b.name})" for b in missing))
    unknown = [who for who in chosen if expected and who not in {b.id for b in expected}]
    if unknown:
        notes.append(f"not in the expected bodies: {', '.join(unknown)}")
    adder = _Adder()
    result: dict[str, Any] = {"year": first.year, "quarter": first.quarter}
    for _, name, model in models:
        roots = model.solved()[0]
        if form_id == "report-1mk":
            _add_1mk(adder, result, model, roots, name)
        else:
            _add_hierarchy(adder, result, model, roots[0], name)
    return Consolidated(form_id, _drop_indexes(result), adder.sources, [(who, model) for who, _, model in models],
                        notes, incomplete=bool(empty or missing))


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
