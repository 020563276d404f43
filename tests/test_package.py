"""The package as other systems meet it: its layers, what importing it loads, and the public API."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

import formgen
from formgen.procedure.deadlines import DeadlineRule
from formgen.resources import DATA_DIR, FIXTURES_DIR, PACKAGE_DIR

from conftest import load_fixture

# What each part may import from formgen (besides itself and the base modules: errors, resources, locale,
# inputs, typesetting).
# The direction runs one way: cli → service → register → api → quarterly/procedure → rendering → forms → base.
MAY_IMPORT = {
    "forms": set(),
    "rendering": {"forms"},
    "procedure": {"forms"},
    "quarterly": {"forms", "rendering"},
    "authoring": {"forms"},
    "api": {"forms", "rendering", "procedure", "quarterly"},
    "register": {"api", "forms", "rendering", "procedure", "quarterly"},
    "service": {"api", "forms", "rendering", "procedure", "quarterly", "register"},
    "cli": {"api", "forms", "rendering", "procedure", "quarterly", "register", "service"},
    "warmup": {"api", "forms"},
}
BASE = {"errors", "resources", "locale", "inputs", "typesetting"}


def _part(module: str) -> str:
    """The part of formgen a dotted module name belongs to: "forms", "api", "locale", …"""
    return module.split(".")[1] if module.count(".") else "formgen"


def _imports(path: Path) -> set[str]:
    """Every formgen module a source file imports, at its top or inside a function."""
    module = "formgen." + ".".join(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names]
            found |= {n for n in [target, *names] if n.startswith("formgen")}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("formgen")}
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE_DIR)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_imports_run_one_way(path):
    """A module imports only its own part, the base modules, and the parts below it."""
    part = path.relative_to(PACKAGE_DIR).parts[0].removesuffix(".py")
    if part in BASE:
        allowed = BASE
    else:
        allowed = {part} | BASE | MAY_IMPORT[part]
    wrong = {m for m in _imports(path) if _part(m) not in allowed and m != "formgen"}
    assert not wrong, f"{path.relative_to(PACKAGE_DIR)} imports {sorted(wrong)}"


def test_runtime_never_imports_authoring_or_cli():
    for path in _modules():
        part = path.relative_to(PACKAGE_DIR).parts[0]
        if part in ("rendering", "forms", "quarterly", "procedure"):
            assert not {m for m in _imports(path) if _part(m) in ("authoring", "cli")}, path


def _loaded_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running code."""
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(out.stdout.splitlines()[-1])}


BACK_ENDS = {"weasyprint", "docxtpl", "docx", "openpyxl", "pypdf"}


@pytest.mark.parametrize("code", [
    "import formgen",
    "import formgen; formgen.FORMS; formgen.schema('report-2mk')",
    f"import formgen, json; formgen.validate('audit-start', json.load(open({str(FIXTURES_DIR / 'audit-start.json')!r})))",
    "from formgen.cli import main",
    "import formgen.cli.documents",
])
def test_importing_and_validating_load_no_back_end(code):
    assert not _loaded_after(code) & BACK_ENDS


def test_a_docx_render_loads_no_pdf_back_end():
    loaded = _loaded_after("import formgen; formgen.render('audit-start', lang='ru', fmt='docx', blank=True)")
    assert "docxtpl" in loaded and not loaded & {"weasyprint", "openpyxl"}


def test_version_and_typing_marker():
    assert formgen.__version__ == version("formgen")
    assert (PACKAGE_DIR / "py.typed").is_file()


@pytest.mark.parametrize("name", ["render", "render_isolated", "validate", "schema", "bulk", "consolidate", "deadline",
                                  "risk_degree"])
def test_library_functions_are_documented_and_typed(name):
    function = getattr(formgen, name)
    assert inspect.getdoc(function)
    signature = inspect.signature(function)
    assert signature.return_annotation is not inspect.Signature.empty
    assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values())


def test_every_exported_name_resolves():
    import formgen.rendering.docx  # noqa: F401  a subpackage must not shadow a function of the API

    assert inspect.isfunction(formgen.render)
    for name in formgen.__all__:
        assert getattr(formgen, name) is not None, name
    with pytest.raises(AttributeError):
        formgen.no_such_thing


def test_schema_is_the_forms_json_schema():
    schema = formgen.schema("audit-start")
    assert schema["type"] == "object"
    assert {"number", "date", "authority", "entity", "audit_period", "signatory"} <= set(schema["properties"])
    with pytest.raises(formgen.UnknownForm):
        formgen.schema("no-such-form")


def test_deadline_and_risk_degree():
    # three working days before Monday 16 February 2026
    assert formgen.deadline("audit-start-planned", dt.date(2026, 2, 16)) == dt.date(2026, 2, 11)
    assert formgen.risk_degree([9]).degree == "high"  # criterion 9 is gross
    assert formgen.risk_degree([9]).gross == (9,)
    assert formgen.risk_degree([]).degree == "not_high"


def test_consolidate_from_the_library():
    report = load_fixture("report-4mk")
    other = report | {"reporter": {"authority": "Акимат района № 2"}}
    total = formgen.consolidate("report-4mk", [("a", report), ("b", other)])
    first = formgen.validate("report-4mk", report).solved()[0][0].values
    assert total.data["total"] == {c: 2 * v for c, v in first.items() if v is not None}


def test_bulk_from_the_library(tmp_path):
    bodies = tmp_path / "bodies.csv"
    bodies.write_text("id,name,phone\nobl-01,Абай облысының әкімдігі,+7 7222 00 00 01\n", encoding="utf-8")
    result = formgen.bulk(2026, 4, bodies, tmp_path / "out", forms=["report-4mk"], langs=["kk"], formats=["docx"],
                          jobs=1)
    assert result.ok and result.written == 1
    assert (tmp_path / "out" / "report-4mk" / "kk" / "obl-01.docx").is_file()


def test_time_limits_are_data_checked_when_loaded():
    raw = yaml.safe_load((DATA_DIR / "time_limits.yaml").read_text(encoding="utf-8"))
    assert len(raw["limits"]) == 20
    good = raw["limits"][0]
    DeadlineRule.model_validate(good)
    for broken in ({**good, "unit": "fortnights"}, {**good, "direction": "sideways"},
                   {**good, "term": {"kk": "x", "en": "y"}}, {**good, "unit": "day_of_month"},
                   {**good, "amount": -1}, {**good, "paragraf": 10}):
        with pytest.raises(ValidationError):
            DeadlineRule.model_validate(broken)


def test_the_register_is_in_the_api_documented_and_typed():
    from formgen.register import Register

    assert formgen.Register is Register
    for name in ("issue", "reprint", "void", "get", "entries", "export", "set_numbering", "numbering_rules",
                 "verify", "lookup", "check"):
        method = getattr(Register, name)
        assert inspect.getdoc(method) or name in ("get", "numbering_rules"), name
        signature = inspect.signature(method)
        assert signature.return_annotation is not inspect.Signature.empty, name
        assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values()
                   if p.name != "self"), name
