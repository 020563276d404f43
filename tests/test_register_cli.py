"""The register from the command line, as a clerk uses it: formgen issue, formgen register …, formgen
verify; formgen validate and consolidate reading an issued PDF.  Exit 2 and a message naming the
problem for bad input, with the register unchanged."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from formgen import Register, consolidate
from formgen.cli import main

from conftest import docx_text, load_fixture


@pytest.fixture
def formgen_cli(database_url, monkeypatch):
    """Runs `formgen ARGS` against the test's register (FORMGEN_DATABASE_URL), as user "clerk"."""
    monkeypatch.setenv("FORMGEN_DATABASE_URL", database_url)
    monkeypatch.delenv("FORMGEN_PUBLIC_URL", raising=False)
    monkeypatch.setenv("USER", "clerk")
    monkeypatch.setenv("LOGNAME", "clerk")

    def run(*args: str, stdin: str | None = None):
        return CliRunner().invoke(main, list(args), input=stdin)

    return run


def case_file(tmp_path, form_id: str, **changes) -> str:
    data = load_fixture(form_id)
    data.pop("number", None)
    path = tmp_path / f"{form_id}{''.join('-' + k for k in changes)}.json"
    path.write_text(json.dumps({**data, **changes}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_issue_list_show_reprint_void_export_check_verify(formgen_cli, tmp_path, database_url):
    out = tmp_path / "out"
    result = formgen_cli("register", "numbering", "set", "--mask", "14-05/{seq}", "--form", "audit-start")
    assert result.exit_code == 0, result.output
    result = formgen_cli("issue", "audit-start", "--lang", "ru", "--data", case_file(tmp_path, "audit-start"),
                         "--format", "pdf,docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "14-05/1\n"
    pdf, docx = out / "00001_audit-start_14-05-1.pdf", out / "00001_audit-start_14-05-1.docx"
    assert "№\u00a014-05/1" in docx_text(docx.read_bytes())  # a no-break space after №
    result = formgen_cli("issue", "checklist", "--lang", "kk", "--data", case_file(tmp_path, "checklist"),
                         "--format", "docx", "-o", str(out), "--by", "Сейтқалиев Н.")
    assert result.stdout == "1\n"

    listed = formgen_cli("register", "list", "--bin", "050140003422").stdout.splitlines()  # the notice and the checklist
    assert len(listed) == 2 and listed[0].split()[:6] == ["1", "14-05/1", "2026-02-09", "audit-start", "ru", "issued"]
    assert listed[0].split()[-1] == "clerk" and listed[1].split()[3] == "checklist"
    assert len(formgen_cli("register", "list", "--bin", "050140003422", "--form", "audit-start").stdout.splitlines()) == 1
    shown = json.loads(formgen_cli("register", "show", "2").stdout)
    assert (shown["form_id"], shown["issued_by"], shown["number"]) == ("checklist", "Сейтқалиев Н.", "1")

    again = tmp_path / "again.pdf"
    assert formgen_cli("register", "reprint", "1", "--format", "pdf", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == pdf.read_bytes()

    result = formgen_cli("verify", str(pdf))
    assert result.exit_code == 0 and "valid: No. 14-05/1 of 2026-02-09 (audit-start)" in result.stdout
    assert formgen_cli("validate", "audit-start", str(pdf)).exit_code == 0  # the data the PDF carries
    result = formgen_cli("validate", "checklist", str(pdf))
    assert result.exit_code == 2 and "is a audit-start document, not checklist" in result.stderr

    assert formgen_cli("register", "void", "1", "--reason", "wrong addressee").exit_code == 0
    result = formgen_cli("verify", str(docx))
    assert result.exit_code == 1 and "voided" in result.stdout
    assert [line.split()[5] for line in formgen_cli("register", "list", "--status", "voided").stdout.splitlines()] \
        == ["voided"]

    journal = tmp_path / "journal.xlsx"
    assert formgen_cli("register", "export", "--format", "xlsx", "--lang", "en", "-o", str(journal)).exit_code == 0
    sheet = load_workbook(journal).active
    assert sheet["A1"].value == "Register of outgoing documents"
    assert [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["14-05/1", "1"]
    csv = formgen_cli("register", "export", "--format", "csv", "--lang", "ru", "--form", "checklist", "-o", "-")
    assert csv.stdout.lstrip("\ufeff").startswith("Запись,Исходящий номер") and len(csv.stdout.splitlines()) == 2

    result = formgen_cli("register", "check")
    assert result.exit_code == 0 and "2 entries, 7 events" in result.stdout and "intact" in result.stdout
    numbering = formgen_cli("register", "numbering", "list").stdout
    assert numbering.split() == ["*", "*", "audit-start", "14-05/{seq}"]


@pytest.mark.parametrize("args, message", [
    (["issue", "audit-stop", "--data", "CASE", "-o", "OUT"], "unknown form 'audit-stop'"),
    (["issue", "audit-start", "--data", "BAD", "-o", "OUT"], "entity.iin_bin: the check digit"),
    (["issue", "audit-start", "--data", "NUMBERED", "-o", "OUT"], "number: an issued document takes its number"),
    (["issue", "audit-start", "--data", "CASE", "--format", "pdf,xlsx", "-o", "OUT"], "not xlsx"),
    (["register", "numbering", "set", "--mask", "14-05/"], "mask '14-05/': a mask must contain {seq} exactly once"),
    (["register", "void", "1", "--reason", "again"], "entry 1 (No. 1) is already voided"),
    (["register", "void", "7", "--reason", "none"], "no entry 7 in the register"),
    (["register", "reprint", "7", "-o", "OUT/x.pdf"], "no entry 7 in the register"),
    (["verify", "TAMPERED"], "altered: the file names No. 2 of 2026-02-09 (audit-start)"),
    (["verify", "PLAIN"], "not a document of this register"),
    (["register", "list", "--database-url", "mysql://x@localhost/db"], "runs on SQLite or PostgreSQL, not mysql"),
])
def test_bad_input_exits_2_naming_the_problem_and_changes_nothing(formgen_cli, tmp_path, database_url, args,
                                                                  message):
    with Register(database_url) as register:
        data = json.loads(open(case_file(tmp_path, "audit-start"), encoding="utf-8").read())
        register.issue("audit-start", data, lang="ru", issued_by="clerk", formats=("docx",))
        register.void(1, "wrong", by="head")
        pdf = register.issue("audit-start", data, lang="ru", issued_by="clerk").files["pdf"]
        before = register.check()
    at = pdf.index(b"stream\n") + 100
    (tmp_path / "tampered.pdf").write_bytes(pdf[:at] + bytes([pdf[at] ^ 0xFF]) + pdf[at + 1:])
    (tmp_path / "plain.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    files = {"CASE": case_file(tmp_path, "audit-start"), "OUT": str(tmp_path / "out"),
             "BAD": case_file(tmp_path, "audit-start", entity={**data["entity"], "iin_bin": "050140003421"}),
             "NUMBERED": case_file(tmp_path, "audit-start", number="14-05/112"),
             "TAMPERED": str(tmp_path / "tampered.pdf"), "PLAIN": str(tmp_path / "plain.pdf")}
    result = formgen_cli(*[files.get(a, a).replace("OUT", files["OUT"]) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    with Register(database_url) as register:
        after = register.check()
    assert (after.entries, after.events, after.head) == (before.entries, before.events, before.head)


def test_consolidate_takes_the_reports_issued_as_pdf(formgen_cli, tmp_path):
    report = load_fixture("report-4mk")
    other_body = {**report["reporter"], "authority": "Абай облысының әкімдігі"}
    for lang, changes in (("kk", {}), ("ru", {"reporter": other_body})):
        result = formgen_cli("issue", "report-4mk", "--lang", lang, "--data",
                             case_file(tmp_path, "report-4mk", **changes), "-o", str(tmp_path / "issued"))
        assert result.exit_code == 0, result.output
    paths = sorted(str(p) for p in (tmp_path / "issued").glob("*.pdf"))
    result = formgen_cli("consolidate", "report-4mk", *paths, "--output", str(tmp_path / "sum.json"))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "sum.json").read_text(encoding="utf-8")) == \
        consolidate("report-4mk", [("a", report), ("b", {**report, "reporter": other_body})]).data
    result = formgen_cli("consolidate", "report-2mk", paths[0], "-o", str(tmp_path / "x.json"))
    assert result.exit_code == 2 and "is a report-4mk document, not report-2mk" in result.stderr
