"""One engine for the reports' arithmetic: it fills the totals left out and
reports every given total that disagrees with its parts.

A report is a forest of rows (`Node`s); a row with children is their total
(exactly, or at least, as its layout declares), and within every row the
column sums of the layout hold.  Empty cells are "-": no data, counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import Problem
from .report_layouts import Sum


@dataclass(frozen=True)
class Inconsistency(Problem):
    """A given total that is not what its parts add up to: at the total's cell (path), with every
    cell of the relations it breaks (cells: the total's path first, then each part's)."""

    row: str = ""
    column: str = ""
    given: int = 0
    computed: int = 0
    cells: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class _Clash:
    """One rule a given total breaks: equal to (exhaustive) or at least (not) the sum of `what`,
    whose cells are `parts` (path, value)."""

    node: Node
    column: str
    given: int
    computed: int
    exhaustive: bool
    what: str
    parts: tuple[tuple[str, int | None], ...]
    across_rows: bool  # the parts are other rows' cells (named by path), or cells of the same row

    def describe(self) -> str:
        """The relation with every part: other rows' cells by path, this row's by value in order."""
        shown = ["-" if value is None else str(value) for _, value in self.parts]
        if self.across_rows:
            return f"{self.what}: " + ", ".join(f"{path} = {value}" for (path, _), value in zip(self.parts, shown))
        return f"{self.what} = {' + '.join(shown)}"


def _check(node: Node, column_sums: tuple[Sum, ...]) -> Iterator[_Clash]:
    def compare(column: str, parts: list[tuple[str, int | None]], what: str, exhaustive: bool,
                across_rows: bool) -> Iterator[_Clash]:
        given, computed = node.given.get(column), _sum([value for _, value in parts])
        if given is not None and computed is not None and (given != computed if exhaustive else given < computed):
            yield _Clash(node, column, given, computed, exhaustive, what, tuple(parts), across_rows)

    if node.children:
        names = ", ".join(child.code for child in node.children)
        for c in node.columns:
            yield from compare(c, [(f"{child.path}.{c}", child.values[c]) for child in node.children],
                               f"the sum of {names}", node.exhaustive, across_rows=True)
    for rule in column_sums:
        if rule.total in node.columns:
            yield from compare(rule.total, [(f"{node.path}.{p}", node.values[p]) for p in rule.parts],
                               f"the sum of columns {', '.join(rule.parts)}", rule.exhaustive, across_rows=False)


def _inconsistency(clashes: list[_Clash]) -> Inconsistency:
    """The clashes of one cell with one computed value: a total wrong by its rows and by its
    columns alike is one mistake, reported once with every rule it breaks."""
    first = clashes[0]
    reasons = []
    for relation, exhaustive in (("computed", True), ("less than", False)):
        whats = [c.describe() for c in clashes if c.exhaustive == exhaustive]
        if whats:
            reasons.append(f"{relation} {first.computed} ({'; '.join(whats)})")
    path = f"{first.node.path}.{first.column}"
    return Inconsistency(
        path=path,
        message=f"row {first.node.code}, column {first.column}: given {first.given}, {'; '.join(reasons)}",
        code="total_differs" if any(c.exhaustive for c in clashes) else "total_below_parts",
        params={"row": first.node.code, "column": first.column, "given": first.given, "computed": first.computed},
        row=first.node.code, column=first.column, given=first.given, computed=first.computed,
        cells=(path, *dict.fromkeys(cell for c in clashes for cell, _ in c.parts)),
    )


def solve(roots: list[Node], column_sums: tuple[Sum, ...]) -> list[Inconsistency]:
    """Fill every computable total in place and return every inconsistency, in row order."""
    for root in roots:
        _fill(root, column_sums)
    by_cell: dict[tuple[str, str, int], list[_Clash]] = {}
    for root in roots:
        for node in root.walk():
            for clash in _check(node, column_sums):
                by_cell.setdefault((node.path, clash.column, clash.computed), []).append(clash)
    return [_inconsistency(clashes) for clashes in by_cell.values()]
