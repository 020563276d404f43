"""Bulk generation: files for every body × form × language × format, a manifest
that matches them, invalid rows reported by line, and a run killed midway that
a rerun finishes."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from formgen.quarterly import bulk
from formgen.cli import main

from conftest import docx_text, squash


def write_bodies(path: Path, count: int, extra_rows: list[list[str]] = ()) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "name_kk", "name_ru", "name_en", "address", "phone", "email", "head", "langs"])
        for i in range(1, count + 1):
            out.writerow([f"body-{i:03d}", f"{i}-аудан әкімдігі", f"Акимат района № {i}", f"Akimat of district No. {i}",
                          f"Астана, {i}", f"+7 7172 {i:06d}", f"a{i}@gov.kz", f"Исаев Т. {i}", "ru" if i == 2 else ""])
        out.writerows(extra_rows)
    return path


def manifest(out_dir: Path) -> list[dict[str, str]]:
    with open(out_dir / bulk.MANIFEST, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def assert_manifest_matches_files(out_dir: Path) -> list[dict[str, str]]:
    rows = manifest(out_dir)
    for row in rows:
        content = (out_dir / row["path"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert len(content) == int(row["bytes"])
    listed = {row["path"] for row in rows}
    on_disk = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
               if p.is_file() and ".formgen" not in p.parts and p.name not in (bulk.MANIFEST, bulk.MERGED_NAME)
               and p.suffix != ".zip"}
    assert listed == on_disk
    return rows


def test_every_body_form_language_and_format_with_a_manifest(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 3, [["bad id", "x", "x", "x", "", "", "", "", ""],
                                                       ["body-004", "", "", "", "", "", "", "", ""],
                                                       ["body-005", "a", "b", "c", "", "", "not-an-email@", "", "de"]])
    out = tmp_path / "out"
    result = bulk.run(2026, 4, bodies, ["report-1mk", "report-4mk"], ["kk", "ru"], ["docx", "pdf", "xlsx"], out,
                      jobs=2, merged=True)
    assert [str(p) for p in result.failed] == [
        "bodies.csv, line 5: id 'bad id': give letters, digits, '.', '_' or '-' (a file name)",
        "bodies.csv, line 6: name: required (the body's name, or name_kk/name_ru/name_en)",
        "bodies.csv, line 7: langs 'de': use kk, ru, en",
    ]
    # body-002 asked only for Russian: 2 bodies × 2 forms × 2 languages + 1 × 2 forms × 1 language, × 3 formats
    rows = assert_manifest_matches_files(out)
    assert len(rows) == (2 * 2 * 2 + 2) * 3 == result.written
    assert {r["path"] for r in rows} >= {"report-1mk/kk/body-001.docx", "report-4mk/ru/body-003.xlsx",
                                         "report-1mk/ru/body-002.pdf"}
    assert not (out / "report-1mk/kk/body-002.pdf").exists()
    text = squash(docx_text((out / "report-1mk/ru/body-003.docx").read_bytes()))
    assert "Акимат района № 3" in text and "a3@gov.kz" in text and "4 квартал 2026 года" in text
    merged = PdfReader(out / "report-4mk/ru" / bulk.MERGED_NAME)
    singles = [PdfReader(out / f"report-4mk/ru/body-00{i}.pdf") for i in (1, 2, 3)]
    assert len(merged.pages) == sum(len(r.pages) for r in singles)


def test_rerun_skips_what_is_complete_and_remakes_what_changed(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 4)
    out = tmp_path / "out"
    first = bulk.run(2026, 1, bodies, ["report-2mk"], ["en"], ["docx"], out, jobs=1)
    assert (first.written, first.skipped) == (3, 0)                        # body-002 asked for Russian only
    (out / "report-2mk/en/body-001.docx").write_bytes(b"damaged")          # not what was recorded
    text = bodies.read_text(encoding="utf-8").replace("Akimat of district No. 4", "Akimat of district No. 4 (renamed)")
    bodies.write_text(text, encoding="utf-8")                             # body-004's inputs changed
    again = bulk.run(2026, 1, bodies, ["report-2mk"], ["en"], ["docx"], out, jobs=1)
    assert (again.written, again.skipped) == (2, 1)
    assert "renamed" in docx_text((out / "report-2mk/en/body-004.docx").read_bytes())
    assert_manifest_matches_files(out)


def test_a_run_killed_midway_leaves_no_truncated_file_and_a_rerun_finishes(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 500)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "formgen"), "bulk", "--year", "2026", "--quarter", "4",
               "--orgs", str(bodies), "--forms", "report-4mk", "--lang", "ru", "--format", "docx",
               "--out", str(out), "--jobs", "2"]
    run = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    journal = out / bulk.JOURNAL
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not journal.exists() or journal.read_text().count("\n") < 100):
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    made = [p for p in (out / "report-4mk/ru").glob("*.docx")]
    assert 100 <= len(made) < 500, "the run was to be killed midway"
    for path in made:   # whatever a kill left under a final name is a whole document
        assert zipfile.ZipFile(io.BytesIO(path.read_bytes())).testzip() is None
    result = CliRunner().invoke(main, command[1:])
    assert result.exit_code == 0, result.output
    assert "already complete" in result.output
    skipped = int(result.output.split(" already complete")[0].split(", ")[-1])
    assert skipped >= 100
    rows = assert_manifest_matches_files(out)
    assert len(rows) == 500
    assert not (out / ".formgen" / "tmp").exists()          # formgen's temporary folder: gone


def test_cli_exit_status_says_some_failed(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 1, [["", "x", "x", "x", "", "", "", "", ""]])
    result = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "2", "--orgs", str(bodies),
                                       "--forms", "report-3mk", "--lang", "kk", "--format", "xlsx",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error: bodies.csv, line 3: id ''" in result.output
    assert "1 written" in result.output
    bad = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "2", "--orgs", str(bodies),
                                    "--forms", "audit-start", "--out", str(tmp_path / "out")])
    assert bad.exit_code == 2 and "--forms" in bad.output
