"""Schemas of the quarterly reports 1-mk, 2-mk, 3-mk and 4-mk (Annexes 7–10).

Cells are keyed by the form's row and column codes; a cell left out is empty
("-").  Totals may be left out: formgen computes them.  A given total that
disagrees with its parts is reported with its row, column, the value given and
the value computed (see arithmetic.py); the rules come from
data/reports/<id>.yaml.
"""

from typing import Annotated, ClassVar, Literal

from pydantic import Field, PrivateAttr

from ..arithmetic import Node, solve
from ...errors import Problem
from ..limits import LIMITS, too_many
from ..report_layouts import ReportLayout, layout
from .common import Date, Model, Name, PersonName, Str

_LISTS = LIMITS.lists
_YEAR = Field(ge=LIMITS.report_first_year, le=LIMITS.dates.latest.year)

Count = Annotated[int, Field(ge=0, le=LIMITS.report_cell_max, strict=True)]


class Reporter(Model):
    """The reporting body, printed in the header and footer; any part left out prints as a blank."""

    NAME_FIELDS = ("head",)

    authority: Name | None = Field(None, description="name of the authority")
    address: Name | None = None
    phone: Str | None = None
    email: Str | None = None
    head: PersonName | None = Field(None, description="surname and initials of the head or the person acting as head")


class BlankReport(Model):
    """What a blank report may be given: its quarter and the reporting body, to prefill the header and footer."""

    year: Annotated[int, _YEAR] | None = None
    quarter: int | None = Field(None, ge=1, le=4)
    reporter: Reporter = Field(default_factory=Reporter)

    def problems(self) -> list[Problem]:
        if (self.year is None) != (self.quarter is None):
            return [Problem("quarter" if self.quarter is None else "year", "give the year and the quarter together",
                            "year_and_quarter_together")]
        return []


class Report(Model):
    year: Annotated[int, _YEAR]
    quarter: int = Field(ge=1, le=4)
    reporter: Reporter = Field(default_factory=Reporter)
    date: Date | None = Field(None, description="the date by the head's signature")

    LAYOUT: ClassVar[ReportLayout]
    _solved: tuple[list[Node], list[Problem]] | None = PrivateAttr(None)

    def tree(self) -> list[Node]:
        """The rows as the arithmetic engine sees them."""
        raise NotImplementedError

    def solved(self) -> tuple[list[Node], list[Problem]]:
        """The rows with their totals computed, and every given total that disagrees; worked out
        once per model (validating and printing both need it), so callers read it, never change it."""
        if self._solved is None:
            roots = self.tree()
            self._solved = roots, list(solve(roots, self.LAYOUT.column_sums))
        return self._solved

    def problems(self) -> list[Problem]:
        size = self.size_problems()
        return size or self.shape_problems() + self.solved()[1]

    def size_problems(self) -> list[Problem]:
        """Rows the data adds to the form's tables (providers, services, subtypes: the elements of its
        lists) over the limit of a document, named at the first row past it."""
        added = [node.path.removesuffix(".cells") for root in self.tree() for node in root.walk()
                 if node.path.endswith("].cells")]
        message = too_many(len(added), LIMITS.document.rows, "rows in its tables")
        return [Problem(added[LIMITS.document.rows], f"the report {message}", "report_too_many_rows",
                        {"count": len(added), "limit": LIMITS.document.rows})] if message else []

    def shape_problems(self) -> list[Problem]:
        return []


def _cells(columns: tuple[str, ...]):
    return dict[Literal[columns], Count | None]


# ------------------------------------------------------------------- 1-mk

_L1 = layout("report-1mk")
Cells1mk = _cells(_L1.columns)


class Subtype1mk(Model):
    name: Name = Field(description="name of the subtype of public service")
    system: Name | None = Field(None, description="the information system (rows 8.3 and 8.4)")
    cells: Cells1mk = Field(default_factory=dict)


class Report1mk(Report):
    """Annex 7: internal control over the quality of public services."""

    LAYOUT = _L1
    rows: dict[Literal[_L1.row_codes], Cells1mk] = Field(
        default_factory=dict, description="cells by row code, then column: 1–3 the months, 4 the quarter; "
        "rows 8–10.14 split each into n (natural persons) and l (legal entities): 1n, 1l, … 4n, 4l")
    subtypes: dict[Literal[tuple(_L1.subtypes)], Annotated[list[Subtype1mk], Field(max_length=_LISTS.subtypes)]] = Field(
        default_factory=dict, description="the subtype rows under 8.1–8.4 and 11.1–11.4")

    def shape_problems(self) -> list[Problem]:
        problems = []

        def columns_fit(path: str, cells: dict[str, int | None], table_columns: tuple[str, ...]):
            for column in cells:
                if column not in table_columns:
                    problems.append(Problem(path, f"column {column!r} is not in this table (its columns: {', '.join(table_columns)})",
                                            "column_not_in_table", {"column": column, "columns": ", ".join(table_columns)}))

        for code, cells in self.rows.items():
            columns_fit(f"rows.{code}", cells, _L1.table_of(code).columns)
        for parent, subtypes in self.subtypes.items():
            with_system = _L1.subtypes[parent] == "subtype_is"
            for i, subtype in enumerate(subtypes):
                path = f"subtypes.{parent}[{i}]"
                columns_fit(f"{path}.cells", subtype.cells, _L1.table_of(parent).columns)
                if with_system and subtype.system is None:
                    problems.append(Problem(f"{path}.system", f"row {parent} names the information system of each subtype",
                                            "subtype_system_required", {"row": parent}))
                if not with_system and subtype.system is not None:
                    problems.append(Problem(f"{path}.system", f"row {parent} has no information-system column",
                                            "subtype_system_not_allowed", {"row": parent}))
        return problems

    def tree(self) -> list[Node]:
        nodes = {code: Node(f"rows.{code}", code, _L1.table_of(code).columns, dict(self.rows.get(code, {})))
                 for code in _L1.row_codes}
        for parent, subtypes in self.subtypes.items():
            nodes[parent].children = [
                Node(f"subtypes.{parent}[{i}].cells", f"{parent} subtype {i + 1}", nodes[parent].columns, dict(s.cells))
                for i, s in enumerate(subtypes)
            ]
        parts = set()
        for rule in _L1.row_sums:
            nodes[rule.total].children = [nodes[p] for p in rule.parts]
            nodes[rule.total].exhaustive = rule.exhaustive
            parts.update(rule.parts)
        return [node for code, node in nodes.items() if code not in parts]


# ---------------------------------------------------------- 2-mk, 3-mk, 4-mk

def _hierarchy(report_id: str):
    """The models of a report grouped by service provider → public service → subtype."""
    cells_type = _cells(layout(report_id).columns)

    class Subtype(Model):
        name: Name
        cells: cells_type = Field(default_factory=dict)

    class Service(Model):
        name: Name
        cells: cells_type = Field(default_factory=dict)
        subtypes: list[Subtype] = Field(default_factory=list, max_length=_LISTS.subtypes)

    class Provider(Model):
        name: Name
        cells: cells_type = Field(default_factory=dict)
        services: list[Service] = Field(default_factory=list, max_length=_LISTS.services)

    class Group(Model):
        cells: cells_type = Field(default_factory=dict)
        providers: list[Provider] = Field(default_factory=list, max_length=_LISTS.providers)

    return cells_type, Provider, Group


def _provider_nodes(lay: ReportLayout, providers, path: str, code: str) -> list[Node]:
    def node(p, c, item, children):
        return Node(f"{p}.cells", c, lay.columns, dict(item.cells), children)

    return [
        node(f"{path}[{i}]", f"{code}{i + 1}", provider, [
            node(f"{path}[{i}].services[{j}]", f"{code}{i + 1}.{j + 1}", service, [
                node(f"{path}[{i}].services[{j}].subtypes[{k}]", f"{code}{i + 1}.{j + 1}.{k + 1}", subtype, [])
                for k, subtype in enumerate(service.subtypes)
            ])
            for j, service in enumerate(provider.services)
        ])
        for i, provider in enumerate(providers)
    ]


_Cells2, _Provider2, _Group2 = _hierarchy("report-2mk")


class _ByChannel(Report):
    """2-mk and 3-mk: a TOTAL line, then services in paper form (1) and in electronic form (2)."""

    total: _Cells2 = Field(default_factory=dict)
    paper: _Group2 = Field(default_factory=_Group2, description="row 1: services rendered in paper form")
    electronic: _Group2 = Field(default_factory=_Group2, description="row 2: services rendered in electronic form")

    def tree(self) -> list[Node]:
        lay = self.LAYOUT
        groups = [Node(f"{name}.cells", f"{n}", lay.columns, dict(group.cells),
                       _provider_nodes(lay, group.providers, f"{name}.providers", f"{n}."))
                  for n, (name, group) in enumerate((("paper", self.paper), ("electronic", self.electronic)), 1)]
        return [Node("total", "TOTAL", lay.columns, dict(self.total), groups)]


class Report2mk(_ByChannel):
    """Annex 8: public services rendered via the State Corporation."""

    LAYOUT = layout("report-2mk")


class Report3mk(_ByChannel):
    """Annex 9: public services rendered via partner organisations."""

    LAYOUT = layout("report-3mk")


_Cells4, _Provider4, _ = _hierarchy("report-4mk")


class Report4mk(Report):
    """Annex 10: public services rendered electronically."""

    LAYOUT = layout("report-4mk")
    total: _Cells4 = Field(default_factory=dict)
    providers: list[_Provider4] = Field(default_factory=list, max_length=_LISTS.providers)

    def tree(self) -> list[Node]:
        lay = self.LAYOUT
        return [Node("total", "Total", lay.columns, dict(self.total), _provider_nodes(lay, self.providers, "providers", ""))]


REPORT_SCHEMAS: dict[str, type[Report]] = {
    "report-1mk": Report1mk,
    "report-2mk": Report2mk,
    "report-3mk": Report3mk,
    "report-4mk": Report4mk,
}
