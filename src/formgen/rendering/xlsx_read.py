"""Reading a filled XLSX return back: whatever a person typed, or refused with
the cell and the reason.

The visible sheet is what counts: the numbers, the names typed over the
placeholders or into inserted rows, the number in the code column that says
whether a typed row is a service provider (1), a service (1.1) or a subtype
(1.1.1).  The hidden parts say where the tables are and which form, quarter
and body the return is for; a name left as formgen wrote it comes back in
every language formgen had it in.  The sheet is found by what it holds, not by
its position.  Nothing is skipped: a row, a column, a sheet or a value the
reader cannot place is an error naming its cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field, replace
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import FormgenError, InvalidData, Problem
from ..forms.report_layouts import REPORT_IDS, ReportLayout, layout
from ..forms.schemas.common import localize
from ..forms.wording import wording
from ..inputs import parse_json
from ..locale import LANGS, Lang
from .xlsx import BODY_MARK, COLUMNS_KEY, END_KEY, FIRST, FORM_MARK, GROUP_PREFIX, META_SHEET, PLACEHOLDER

_DASHES = {"-", "–", "—"}
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_KINDS = ("provider", "service", "subtype")


@dataclass
class XlsxReturn:
    """A report read from an XLSX: its data and where each value stood."""

    form_id: str
    lang: Lang
    data: dict[str, Any]
    body: str | None = None
    kind: str = "return"                                   # or "consolidation"
    bodies: list[str] = field(default_factory=list)         # a consolidation's bodies
    cells: dict[str, str] = field(default_factory=dict)     # field path of a value → its cell ("G19")

    def located(self, error: InvalidData, source: str) -> InvalidData:
        """The problems of this return's data, each named by its cell where it has one."""
        return InvalidData([replace(p, path=f"{source}: {self.cells[p.path]}" if p.path in self.cells
                                    else f"{source}: {p.path}") for p in error.problems])

    @property
    def empty(self) -> bool:
        """No number anywhere: a form sent back unfilled."""
        return not self.cells


class _Refused(Exception):
    def __init__(self, where: str, message: str):
        self.problem = Problem(where, message)


def _whole_number(value: Any, where: str) -> int | None:
    """A cell's number: empty and "-" are None, whole numbers typed as text count, anything else is refused."""
    if value is None or (isinstance(value, str) and (not value.strip() or value.strip() in _DASHES)):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise _Refused(where, f"holds {value!r}, not a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise _Refused(where, f"holds {value!r}, not a whole number")
        value = int(value)
    if isinstance(value, str):
        digits = _SPACES.sub("", value)
        if not digits.isascii() or not digits.isdigit():
            raise _Refused(where, f"holds {value!r}, not a whole number")
        value = int(digits)
    if not isinstance(value, int):
        raise _Refused(where, f"holds {value!r}, not a whole number")
    if value < 0:
        raise _Refused(where, f"holds {value}; counts are 0 or more")
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _meta(book, source: str) -> dict[str, Any]:
    if META_SHEET not in book.sheetnames:
        raise FormgenError(f"{source}: not a return written by formgen (no hidden {META_SHEET!r} sheet); "
                           "fill in a form made by formgen render or formgen bulk")
    sheet = book[META_SHEET]
    entries: dict[str, Any] = {}
    names = []
    for row in sheet.iter_rows(min_col=1, max_col=2):
        key, value = row[0].value, row[1].value
        if key == "names":
            names.append(str(value or ""))
        elif key is not None:
            entries[str(key)] = (value, f"{META_SHEET}!{row[1].coordinate}")
    where = f"{source}: sheet {META_SHEET!r}"
    for key in ("form", "lang", "year", "quarter"):
        if key not in entries:
            raise FormgenError(f"{where}: no {key!r} entry; the hidden sheet was changed")
    form, form_cell = entries["form"]
    if form not in REPORT_IDS:
        raise FormgenError(f"{source}: {form_cell}: {form!r} is not a report form")
    lang, lang_cell = entries["lang"]
    if lang not in LANGS:
        raise FormgenError(f"{source}: {lang_cell}: {lang!r} is not a language of formgen")
    meta: dict[str, Any] = {"form": form, "lang": lang}
    for key in ("year", "quarter"):
        value, cell = entries[key]
        meta[key] = value if isinstance(value, int) and not isinstance(value, bool) else None
        if value is not None and meta[key] is None:
            raise FormgenError(f"{source}: {cell}: {key} {value!r} is not a whole number")
    body, _ = entries.get("body", (None, ""))
    meta["body"] = str(body) if body not in (None, "") else None
    meta["kind"] = str(entries.get("kind", ("return", ""))[0])
    bodies, bodies_cell = entries.get("bodies", (None, ""))
    meta["bodies"] = parse_json(bodies, f"{source}: {bodies_cell}") if bodies else []
    structure = parse_json("".join(names), f"{source}: sheet {META_SHEET!r}, names") if "".join(names) else {}
    if not isinstance(structure, dict) or not isinstance(meta["bodies"], list):
        raise FormgenError(f"{where}: the names are damaged (not an object); the hidden sheet was changed")
    meta["structure"] = structure
    return meta


def _holds_something(sheet: Worksheet) -> str | None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and _text(cell.value):
                return cell.coordinate
    return None


def _form_sheet(book, source: str) -> Worksheet:
    """The one sheet marked as the form; any other sheet with something in it is refused."""
    forms, strangers = [], []
    for sheet in book.worksheets:
        if sheet.title == META_SHEET:
            continue
        mark = _text(sheet["A1"].value)
        if mark == FORM_MARK:
            forms.append(sheet)
        elif not mark.startswith(BODY_MARK):
            if _text(sheet["B1"].value) == FORM_MARK:
                raise FormgenError(f"{source}: sheet {sheet.title!r}: a column was inserted before column A, "
                                   "which holds the hidden row keys; delete it")
            filled = _holds_something(sheet)
            if filled:
                strangers.append((sheet, filled))
    if not forms:
        raise FormgenError(f"{source}: no sheet holds the form: the hidden column A with its row keys was deleted "
                           "(or the sheet was); fill in a fresh copy of the form")
    if len(forms) > 1:
        raise FormgenError(f"{source}: sheets {', '.join(repr(s.title) for s in forms)} each hold the form; "
                           "keep one")
    if strangers:
        sheet, cell = strangers[0]
        raise FormgenError(f"{source}: sheet {sheet.title!r} is not part of the form ({cell} holds "
                           f"{sheet[cell].value!r}); move what it holds elsewhere and delete the sheet")
    return forms[0]


@dataclass
class _Named:
    """A row of a provider, service or subtype (1-mk: a subtype) as read."""

    kind: str
    code: str
    name: Any
    cells: dict[str, int]
    system: Any = None
    children: list[_Named] = field(default_factory=list)


class _Reader:
    def __init__(self, sheet: Worksheet, formulas: Worksheet, meta: dict[str, Any], source: str):
        self.sheet, self.formulas, self.meta, self.source = sheet, formulas, meta, source
        self.lay: ReportLayout = layout(meta["form"])
        self.lang: Lang = meta["lang"]
        self.words = wording(self.lang, self.lay.id)
        self.problems: list[Problem] = []
        self.cells: dict[str, str] = {}
        self.fixed: dict[str, dict[str, int]] = {}
        self.fixed_rows: dict[str, int] = {}
        self.named: dict[str | None, list[_Named]] = {}    # group (1-mk: the parent row) → its rows
        self.uncomputed: list[str] = []                      # formula cells saved without their value

    def refuse(self, coordinate: str, message: str) -> None:
        self.problems.append(Problem(f"{self.source}: {coordinate}", message))

    # ---------------------------------------------------------------- values
    def values(self, row: tuple, columns: list[str], what: str) -> dict[str, tuple[int, str]]:
        """{column: (number, cell)} of one table row; refuses a value it cannot read and one outside the columns."""
        found = {}
        for offset, cell in enumerate(row[FIRST + 1:], 0):
            column = columns[offset] if offset < len(columns) else None
            if column is None:
                if _text(cell.value):
                    self.refuse(cell.coordinate, f"{cell.value!r} stands outside the table's columns ({what})")
                continue
            formula = self.formulas[cell.coordinate].value
            if isinstance(formula, str) and formula.startswith("=") and cell.value is None:
                self.uncomputed.append(cell.coordinate)
                continue
            try:
                number = _whole_number(cell.value, cell.coordinate)
            except _Refused as refused:
                self.refuse(refused.problem.path, f"{refused.problem.message} ({what}, column {column})")
                continue
            if number is not None:
                found[column] = (number, cell.coordinate)
        return found

    # ---------------------------------------------------------------- walking
    def read(self) -> None:
        table, columns = -1, None
        tables = self.lay.tables
        context: dict[str, Any] = {"group": None, "parent": None, "after_total": False}
        for row in self.sheet.iter_rows(min_row=2):
            key = _text(row[0].value)
            if key == COLUMNS_KEY:
                table += 1
                columns = self.table_columns(row, table)
                context = {"group": None, "parent": None, "after_total": False}
                continue
            if key == END_KEY:
                columns = None
                continue
            if columns is None:
                self.outside(row, key)
                continue
            self.table_row(row, key, columns, table, context)
        if self.uncomputed:
            cells = self.uncomputed
            self.problems.insert(0, Problem(
                f"{self.source}: {cells[0]}", f"a formula without its computed value"
                + (f" (and {len(cells) - 1} more: {', '.join(cells[1:4])}{', …' if len(cells) > 4 else ''})"
                   if len(cells) > 1 else "")
                + ": the file was saved by a program that does not compute formulas; open it in Excel or "
                  "LibreOffice and save it"))
        expected = len(tables) if tables else 1
        if table + 1 < expected:
            self.problems.append(Problem(f"{self.source}: sheet {self.sheet.title!r}",
                                         f"{expected - table - 1} of the form's {expected} tables lack the hidden row "
                                         "of column codes above them (a hidden row was deleted)"))
        for key in self.fixed_keys:
            if key not in self.fixed_rows:
                self.problems.append(Problem(f"{self.source}: sheet {self.sheet.title!r}",
                                             f"row {self.label_of(key)} is missing (a row was deleted)"))

    @functools.cached_property
    def fixed_keys(self) -> tuple[str, ...]:
        """The keys of the rows every copy of the form has."""
        if self.lay.hierarchical:
            return ("total", *(f"{g}/cells" for g in ("paper", "electronic") if self.lay.groups))
        return tuple(f"rows/{code}" for code in self.lay.row_codes)

    def label_of(self, key: str) -> str:
        return key.removeprefix("rows/").removesuffix("/cells")

    def table_columns(self, row: tuple, table: int) -> list[str] | None:
        """The column codes of the table that starts here, checked against the form's."""
        if table >= (1 if self.lay.hierarchical else len(self.lay.tables)):
            self.refuse(row[0].coordinate, "a table the form does not have (a hidden row of column codes too many)")
            return None
        expected = list(self.lay.columns if self.lay.hierarchical else self.lay.tables[table].columns)
        given = [_text(c.value) for c in row[FIRST + 1:]]
        while given and not given[-1]:
            given.pop()
        if given != expected:
            bad = next((i for i, (g, e) in enumerate(zip(given + [""] * len(expected), expected)) if g != e),
                       len(expected))
            cell = row[FIRST + 1 + bad].coordinate if FIRST + 1 + bad < len(row) else row[0].coordinate
            self.refuse(cell, f"the hidden column codes of table {table + 1} read {', '.join(given) or 'nothing'}, "
                              f"not {', '.join(expected)}: a column was inserted or deleted in the table")
            return None
        return expected

    def outside(self, row: tuple, key: str) -> None:
        """A row outside the tables: the form's own text; a row key or a number here is out of place."""
        if key and key != FORM_MARK:
            self.refuse(row[0].coordinate, f"the row of {key!r} stands outside the tables: the hidden row of column "
                                           "codes above it was deleted, or the row was moved")
            return
        for cell in row[FIRST + 1:]:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                self.refuse(cell.coordinate, f"the number {cell.value} stands outside the form's tables; type rows "
                                             "inside a table (insert rows above its last row)")

    def table_row(self, row: tuple, key: str, columns: list[str], table: int, context: dict[str, Any]) -> None:
        code_cell, label_cell = row[FIRST - 1], row[FIRST]
        code, label = _text(code_cell.value), _text(label_cell.value)
        if isinstance(code_cell.value, (dt.date, dt.datetime)):
            self.refuse(code_cell.coordinate, "the row number was taken for a date; type it as text (1.2)")
            return
        what = f"row {code or label[:40] or key}"
        values = self.values(row, columns, what)
        if key in self.fixed_keys:
            self.fixed_row(key, code, code_cell.coordinate, row[0].row, values, table, context)
            return
        if key and not key.startswith(PLACEHOLDER) and not self.is_named_key(key):
            self.refuse(row[0].coordinate, f"{key!r} is not a row of {self.lay.id}: the hidden row key was changed")
            return
        if key.startswith(PLACEHOLDER) and not values and label in self.placeholder_labels:
            return   # a row left to fill in, not filled in
        if not label and not values:
            return   # an empty row: inserted and not used, or cleared
        if not label:
            self.refuse(label_cell.coordinate, f"{what} has numbers but no name")
            return
        if label in self.placeholder_labels:
            self.refuse(label_cell.coordinate, f"type the name in place of {label!r}")
            return
        if self.lay.hierarchical:
            self.provider_row(row, key, code, label, values, context)
        else:
            self.subtype_row(row, key, label, values, context)

    @functools.cached_property
    def placeholder_labels(self) -> set[str]:
        if self.lay.hierarchical:
            return {_text(self.words["rows"][k]) for k in _KINDS}
        return {_text(v) for v in self.words["dynamic"].values()}

    def is_named_key(self, key: str) -> bool:
        if self.lay.hierarchical:
            return bool(re.fullmatch(r"(?:(?:paper|electronic)/)?providers/\d+(?:/services/\d+(?:/subtypes/\d+)?)?/cells",
                                     key))
        return bool(re.fullmatch(r"subtypes/[\d.]+/\d+/cells", key))

    def record(self, path: str, values: dict[str, tuple[int, str]]) -> dict[str, int]:
        for column, (_, cell) in values.items():
            self.cells[f"{path}.{column}"] = cell
        return {column: number for column, (number, _) in values.items()}

    def fixed_row(self, key: str, code: str, code_at: str, r: int, values, table: int, context) -> None:
        if key in self.fixed_rows:
            self.refuse(f"A{r}", f"row {self.label_of(key)} appears twice (also on row {self.fixed_rows[key]})")
            return
        self.fixed_rows[key] = r
        if self.lay.hierarchical:
            path = key.replace("/cells", ".cells")
            self.fixed[key] = self.record(path, values)
            context["group"] = key.split("/")[0] if key != "total" else None
            context["after_total"] = key == "total" and not self.lay.total_first
            return
        row_id = self.label_of(key)
        if row_id not in self.lay.tables[table].rows:
            self.refuse(f"A{r}", f"row {row_id} belongs to another table of the form: rows were moved")
            return
        if code.rstrip(".") != row_id:
            self.refuse(code_at, f"row number {code!r} where the form has row {row_id}: rows were moved or renumbered")
            return
        self.fixed[key] = self.record(f"rows.{row_id}", values)
        context["parent"] = row_id if row_id in self.lay.subtypes else None

    # ---------------------------------------------------------------- named rows
    def known_name(self, key: str, label: str) -> tuple[Any, Any] | None:
        """(name, system) as formgen wrote them in every language, when the row still shows them."""
        node: Any = self.meta["structure"]
        for token in key.removesuffix("/cells").split("/"):
            if isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            elif isinstance(node, dict) and token in node:
                node = node[token]
            else:
                return None
        if not isinstance(node, dict) or "name" not in node:
            return None
        try:
            shown = ", ".join(filter(None, [localize(node["name"], self.lang),
                                            node.get("system") and localize(node["system"], self.lang)]))
        except (KeyError, TypeError):
            return None
        return (node["name"], node.get("system")) if _text(shown) == label else None

    def subtype_row(self, row: tuple, key: str, label: str, values, context) -> None:
        parent = context["parent"]
        label_at = row[FIRST].coordinate
        if parent is None:
            self.refuse(label_at, f"{label[:60]!r}: a row the form does not have; subtypes go right under rows "
                                  f"{', '.join(self.lay.subtypes)}")
            return
        known = self.known_name(key, label) if key else None
        if known:
            name, system = known
        elif self.lay.subtypes[parent] == "subtype_is":
            name, _, system = label.rpartition(",")
            if not name.strip() or not system.strip():
                self.refuse(label_at, f"row {parent} names each subtype and its information system: "
                                      "type both, separated by a comma")
                return
            name, system = name.strip(), system.strip()
        else:
            name, system = label, None
        rows = self.named.setdefault(parent, [])
        path = f"subtypes.{parent}[{len(rows)}].cells"
        rows.append(_Named("subtype", "", name, self.record(path, values), system))

    def provider_row(self, row: tuple, key: str, code: str, label: str, values, context) -> None:
        group = context["group"]
        code_at = row[FIRST - 1].coordinate
        if self.lay.groups and group is None or context["after_total"]:
            where = "under rows 1 and 2" if self.lay.groups else "above the total"
            self.refuse(row[FIRST].coordinate, f"{label[:60]!r}: a row outside the table's body; providers, services "
                                               f"and subtypes go {where}")
            return
        group = group or "providers"
        prefix = GROUP_PREFIX[group]
        number = code.rstrip(".")
        parts = number[len(prefix):].split(".") if number.startswith(prefix) else []
        if not number or not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
            example = f"{prefix}1, {prefix}1.1 or {prefix}1.1.1"
            self.refuse(code_at, f"{label[:60]!r}: number the row {example} (a service provider, a service of it, "
                                 f"a subtype of the service){f', not {code!r}' if code else ''}")
            return
        kind = _KINDS[len(parts) - 1]
        rows = self.named.setdefault(group, [])
        siblings, owner = rows, None
        for depth in range(len(parts) - 1):
            if not siblings:
                self.refuse(code_at, f"{number}: a {kind} with no {_KINDS[depth]} above it")
                return
            owner = siblings[-1]
            siblings = owner.children
        if owner is not None and number.rpartition(".")[0] != owner.code:
            self.refuse(code_at, f"{number}: it stands under {owner.kind} {owner.code}; "
                                 f"number it {owner.code}.{len(siblings) + 1}")
            return
        if any(s.code == number for s in siblings):
            self.refuse(code_at, f"{number}: two rows have this number")
            return
        known = self.known_name(key, label) if key else None
        base = "providers" if group == "providers" else f"{group}.providers"
        indexes = [len(rows) - 1, len(rows[-1].children) - 1 if rows else 0][:len(parts) - 1] + [len(siblings)]
        path = base + "".join(f"{'' if i == 0 else ('.services' if i == 1 else '.subtypes')}[{n}]"
                              for i, n in enumerate(indexes)) + ".cells"
        siblings.append(_Named(kind, number, known[0] if known else label, self.record(path, values)))

    # ---------------------------------------------------------------- the data
    def data(self) -> dict[str, Any]:
        structure = self.meta["structure"]
        data: dict[str, Any] = {"year": self.meta["year"], "quarter": self.meta["quarter"]}
        for key in ("reporter", "date"):
            if key in structure:
                data[key] = structure[key]
        if not self.lay.hierarchical:
            data["rows"] = {self.label_of(k): v for k, v in self.fixed.items()}
            subtypes = {}
            for parent, rows in self.named.items():
                subtypes[parent] = [{"name": s.name, **({"system": s.system} if s.system else {}), "cells": s.cells}
                                    for s in rows]
            if subtypes:
                data["subtypes"] = subtypes
            return data
        data["total"] = self.fixed.get("total", {})

        def entry(item: _Named, children: str | None) -> dict[str, Any]:
            out = {"name": item.name, "cells": item.cells}
            if children and item.children:
                out[children] = [entry(c, "subtypes" if children == "services" else None) for c in item.children]
            return out

        for group in ("paper", "electronic") if self.lay.groups else ("providers",):
            providers = [entry(p, "services") for p in self.named.get(group, [])]
            if group == "providers":
                data["providers"] = providers
            else:
                data[group] = {"cells": self.fixed.get(f"{group}/cells", {}), "providers": providers}
        return data


def read_xlsx(content: bytes, source: str = "XLSX") -> XlsxReturn:
    """The report in an XLSX formgen wrote, as filled in; FormgenError or InvalidData naming each cell it cannot read."""
    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
        formulas = load_workbook(io.BytesIO(content))
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise FormgenError(f"{source}: not a readable XLSX file: {error}") from None
    meta = _meta(book, source)
    sheet = _form_sheet(book, source)
    if meta["year"] is None or meta["quarter"] is None:
        raise FormgenError(f"{source}: a blank form of no quarter; fill in a form made for the quarter "
                           "(formgen render --blank --year Y --quarter Q, or formgen bulk)")
    reader = _Reader(sheet, formulas[sheet.title], meta, source)
    try:
        reader.read()
    except RecursionError:
        raise FormgenError(f"{source}: the hidden names are nested too deep; the hidden sheet was changed") from None
    if reader.problems:
        raise InvalidData(reader.problems)
    return XlsxReturn(meta["form"], meta["lang"], reader.data(), meta["body"], meta["kind"], meta["bodies"],
                      reader.cells)


__all__ = ["XlsxReturn", "read_xlsx"]
