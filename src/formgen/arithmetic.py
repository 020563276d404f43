"""One engine for the reports' arithmetic: it fills the totals left out and
reports every given total that disagrees with its parts.

A report is a forest of rows (`Node`s); a row with children is their total
(exactly, or at least, as its layout declares), and within every row the
column sums of the layout hold.  Empty cells are "-": no data, counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .errors import Problem
from .report_layouts import Sum


@dataclass(frozen=True)
class Inconsistency(Problem):
    """A given total that is not what its parts add up to."""

    row: str = ""
    column: str = ""
    given: int = 0
    computed: int = 0


@dataclass
class Node:
    path: str                     # field path of the row's cells in the case data
    code: str                     # how a clerk names the row: its code, or its name
    columns: tuple[str, ...]
    given: dict[str, int | None]
    children: list[Node] = field(default_factory=list)
    exhaustive: bool = True       # a row with children equals their sum, or is at least it
    values: dict[str, int | None] = field(default_factory=dict)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _sum(values: list[int | None]) -> int | None:
    """None when nothing is known; otherwise the known values added, "-" counting as 0."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _fill(node: Node, column_sums: tuple[Sum, ...]) -> None:
    for child in node.children:
        _fill(child, column_sums)
    node.values = {c: node.given.get(c) for c in node.columns}
    if node.children and node.exhaustive:
        for c in node.columns:
            if node.values[c] is None:
                node.values[c] = _sum([child.values[c] for child in node.children])
    for rule in column_sums:
        if rule.total in node.values and rule.exhaustive and node.values[rule.total] is None:
            node.values[rule.total] = _sum([node.values[p] for p in rule.parts])


def _check(node: Node, column_sums: tuple[Sum, ...]) -> Iterator[Inconsistency]:
    def compare(column: str, parts: list[int | None], what: str, exhaustive: bool):
        given, computed = node.given.get(column), _sum(parts)
        if given is None or computed is None:
            return
        if given != computed if exhaustive else given < computed:
            relation = "computed" if exhaustive else "less than"
            yield Inconsistency(
                path=f"{node.path}.{column}",
                message=f"row {node.code}, column {column}: given {given}, {relation} {computed} ({what})",
                row=node.code, column=column, given=given, computed=computed,
            )

    if node.children:
        names = ", ".join(child.code for child in node.children)
        for c in node.columns:
            yield from compare(c, [child.values[c] for child in node.children], f"the sum of {names}", node.exhaustive)
    for rule in column_sums:
        if rule.total in node.columns:
            yield from compare(rule.total, [node.values[p] for p in rule.parts],
                               f"the sum of columns {', '.join(rule.parts)}", rule.exhaustive)


def _merge(problems: list[Inconsistency]) -> list[Inconsistency]:
    """One problem per cell and computed value: a total wrong by its rows and by its columns alike is one mistake."""
    merged: dict[tuple[str, int], Inconsistency] = {}
    for p in problems:
        key = (p.path, p.computed)
        if key in merged:
            first = merged[key]
            merged[key] = replace(first, message=first.message[:-1] + "; " + p.message.split("(", 1)[1])
        else:
            merged[key] = p
    return list(merged.values())


def solve(roots: list[Node], column_sums: tuple[Sum, ...]) -> list[Inconsistency]:
    """Fill every computable total in place and return every inconsistency, in row order."""
    for root in roots:
        _fill(root, column_sums)
    return _merge([problem for root in roots for node in root.walk() for problem in _check(node, column_sums)])
