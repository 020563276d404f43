"""A command line without traps: the format follows the file name, output
files get the usual permissions, only regular files are written (never a FIFO,
a device or a directory), missing folders are made only when asked, every
failure to write is one clear line and exit status 2, and the options are
spelt alike in every command."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from formgen.cli import main
from formgen.forms import FORMS
from formgen.resources import FIXTURES_DIR

from conftest import docx_text

CASE = str(FIXTURES_DIR / "audit-start.json")


def render(output, *extra):
    return CliRunner().invoke(main, ["render", "audit-start", "--lang", "ru", "--data", CASE, "-o", str(output), *extra])


def test_the_format_follows_the_file_name(tmp_path):
    result = render(tmp_path / "notice.docx")
    assert result.exit_code == 0, result.output
    assert "word/document.xml" in zipfile.ZipFile(tmp_path / "notice.docx").namelist()
    assert "Уведомление" in docx_text((tmp_path / "notice.docx").read_bytes())
    assert render(tmp_path / "notice.pdf").exit_code == 0 and (tmp_path / "notice.pdf").read_bytes()[:5] == b"%PDF-"
    result = render(tmp_path / "wrong.docx", "--format", "pdf")
    assert result.exit_code == 2 and "wrong.docx: a .docx name for --format pdf" in result.output
    result = render(tmp_path / "notice")
    assert result.exit_code == 2 and "the name does not say the format" in result.output
    assert not (tmp_path / "wrong.docx").exists() and not (tmp_path / "notice").exists()
    result = CliRunner().invoke(main, ["render", "audit-start", "--lang", "ru", "--data", CASE, "-o", "-"])
    assert result.exit_code == 0 and result.stdout_bytes[:5] == b"%PDF-"        # standard output: PDF, as before


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_output_files_get_the_permissions_the_umask_gives(tmp_path):
    with umask(0o022):
        assert render(tmp_path / "a.docx").exit_code == 0
    with umask(0o007):
        assert render(tmp_path / "b.docx").exit_code == 0
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.docx").stat().st_mode) == 0o660
    (tmp_path / "a.docx").chmod(0o640)
    with umask(0o022):
        assert render(tmp_path / "a.docx").exit_code == 0
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o640     # a file written over keeps its own


def test_a_missing_folder_is_made_only_when_asked(tmp_path):
    result = render(tmp_path / "q4" / "notice.docx")
    assert result.exit_code == 2 and "q4: no such directory (give --mkdir to create it)" in result.output
    assert render(tmp_path / "q4" / "notice.docx", "--mkdir").exit_code == 0
    assert (tmp_path / "q4" / "notice.docx").is_file()


def refused(result, *phrases):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert all(p in result.output for p in phrases), result.output


def test_only_regular_files_are_written(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    refused(render(fifo, "--format", "pdf"), "is not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    refused(render("/dev/null", "--format", "pdf"), "/dev/null: is not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    link = tmp_path / "null.pdf"
    link.symlink_to("/dev/null")
    refused(render(link), "null.pdf: is not a regular file")
    assert link.is_symlink() and stat.S_ISCHR(link.stat().st_mode)
    target = tmp_path / "real.pdf"
    target.write_bytes(b"old")
    alias = tmp_path / "alias.pdf"
    alias.symlink_to(target)
    assert render(alias).exit_code == 0
    assert alias.is_symlink() and target.read_bytes()[:5] == b"%PDF-"      # written through the link
    (tmp_path / "folder.pdf").mkdir()
    refused(render(tmp_path / "folder.pdf"), "folder.pdf: is a directory; name a file to write")


def test_paths_that_cannot_be_written_are_one_clear_error(tmp_path):
    (tmp_path / "file").write_text("mine")
    refused(render(tmp_path / "file" / "notice.pdf"), "is not a directory")
    refused(render(tmp_path / ("x" * 300 + ".pdf")), "the file name is 304 bytes; the file system allows 255")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@contextlib.contextmanager
def unprivileged():
    """As a user without write permission: root writes anywhere, so a root run drops to nobody meanwhile."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_read_only_folder_is_one_clear_error():
    render(Path(tempfile.gettempdir()) / "warm-up.pdf").exit_code   # load every module while allowed to read them
    with tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)
        folder = Path(base) / "read-only"
        folder.mkdir(mode=0o555)
        os.chmod(folder, 0o555)
        with unprivileged():
            result = render(folder / "notice.pdf")
        refused(result, f"{folder / 'notice.pdf'}: cannot write in {folder}: Permission denied")
        assert list(folder.iterdir()) == []
    (Path(tempfile.gettempdir()) / "warm-up.pdf").unlink(missing_ok=True)


def test_json_with_a_byte_order_mark_is_read_and_nesting_without_end_refused(tmp_path):
    bom = tmp_path / "case.json"
    bom.write_bytes(b"\xef\xbb\xbf" + Path(CASE).read_bytes())
    result = CliRunner().invoke(main, ["render", "audit-start", "--lang", "kk", "--data", str(bom),
                                       "-o", str(tmp_path / "n.docx")])
    assert result.exit_code == 0, result.output
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    for command in (["render", "audit-start", "--data", str(deep), "-o", str(tmp_path / "x.pdf")],
                    ["validate", "audit-start", str(deep)]):
        refused(CliRunner().invoke(main, command), f"{deep}: JSON nested deeper than 64 levels")


def test_forms_lists_short_titles_and_the_full_ones_when_asked():
    short = CliRunner().invoke(main, ["forms"]).output.splitlines()
    assert short[0].split() == ["auditors-change", "Annex", "1", "notification", "of", "changes", "in", "the",
                                "composition", "of", "auditors"]
    assert max(len(line) for line in short) <= 110
    assert any("report-1mk" in line and "quarterly report 1-mk: internal control" in line for line in short)
    long = CliRunner().invoke(main, ["forms", "--long"]).output
    assert "Report on the work of the central state body, its departments" in long


def test_example_prints_the_case_to_edit(tmp_path):
    result = CliRunner().invoke(main, ["example", "report-4mk"])
    assert result.exit_code == 0 and json.loads(result.output) == json.loads((FIXTURES_DIR / "report-4mk.json").read_text())
    assert CliRunner().invoke(main, ["example", "audit-start", "-o", str(tmp_path / "case.json")]).exit_code == 0
    assert json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))["number"]
    refused(CliRunner().invoke(main, ["example", "no-such-form"]), "unknown form 'no-such-form'")


def test_examples_writes_every_form_and_says_each_warning_once(tmp_path):
    result = CliRunner().invoke(main, ["examples", "--out", str(tmp_path / "out"), "--lang", "en", "--format", "docx"])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.docx"))
    assert len(written) == 2 * len(FORMS) and "filled/en/audit-start.docx" in written and "blank/en/checklist.docx" in written
    said = result.output.splitlines()
    # the fixtures give some persons' names in Cyrillic only: English transliterates them, said in one line
    assert not [line for line in said if line.startswith("warning: ")], said
    assert any(re.fullmatch(r"note: \d+ persons' names in the examples have no English spelling and print "
                            r"transliterated in English; .*", line) for line in said), said
    assert f"{len(written)} documents written to" in result.output
    single = CliRunner().invoke(main, ["render", "audit-start", "--lang", "en", "--data", CASE, "-o", str(tmp_path / "a.docx")])
    assert "warning: auditors[0] (surname, first_name, patronymic): no English spelling given" in single.output

@pytest.mark.parametrize("command,data,output", [
    ("render", "--data", "-o, --output"),
    ("validate", "--data", None),
    ("bulk", "--data, --orgs", "-o, --output, --out"),
    ("consolidate", None, "-o, --output"),
    ("examples", None, "-o, --output, --out"),
    ("example", None, "-o, --output"),
])
def test_data_and_output_are_spelt_alike_in_every_command(command, data, output):
    text = CliRunner().invoke(main, [command, "--help"]).output
    for option in (data, output):
        if option:
            assert option in text, text
    if output and command != "example":
        assert "--mkdir" in text
