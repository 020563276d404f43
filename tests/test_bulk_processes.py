"""Bulk runs that leave nothing behind and lose nothing: workers die with their
parent, temporary files (WeasyPrint's fonts included) stay in formgen's own
folder and go, the user's own files are never touched, a journal cut short
mid-line loses no entry, and a terminal shows a progress bar."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from formgen.quarterly import bulk

from test_bulk import assert_manifest_matches_files, write_bodies

FORMGEN = str(Path(sys.executable).parent / "formgen")


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_users_own_part_files_are_never_removed(tmp_path):
    out = tmp_path / "out"
    (out / "report-4mk" / "kk").mkdir(parents=True)
    mine = [out / ".draft.part", out / "report-4mk" / "kk" / ".obl-01.docx.part"]
    for path in mine:
        path.write_text("the user's own")
    result = bulk.run(2026, 4, write_bodies(tmp_path / "bodies.csv", 2), ["report-4mk"], ["kk"], ["docx"], out, jobs=1)
    assert result.written == 1 and all(p.read_text() == "the user's own" for p in mine)


def test_a_journal_cut_mid_line_loses_no_entry_and_the_manifest_matches(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 3)
    out = tmp_path / "out"
    bulk.run(2026, 4, bodies, ["report-4mk"], ["en"], ["docx"], out, jobs=1)
    journal = out / bulk.JOURNAL
    with open(journal, "ab") as f:
        f.write(b'{"path": "' + str(out).encode() + b'/report-4mk/en/body-0')   # a power cut mid-line
    bodies.write_text(bodies.read_text(encoding="utf-8").replace("district No. 3", "district No. 3 (renamed)"),
                      encoding="utf-8")
    again = bulk.run(2026, 4, bodies, ["report-4mk"], ["en"], ["docx"], out, jobs=1)
    assert (again.written, again.skipped) == (1, 1)                      # body-002 asks for Russian only
    assert all(line.endswith("}") for line in journal.read_text(encoding="utf-8").splitlines())
    assert_manifest_matches_files(out)
    third = bulk.run(2026, 4, bodies, ["report-4mk"], ["en"], ["docx"], out, jobs=1)
    assert (third.written, third.skipped) == (0, 2)                      # every entry of the rerun was kept


def test_no_temporary_folder_is_left_after_a_run_with_pdf(tmp_path):
    system_tmp = tmp_path / "tmp"
    system_tmp.mkdir()
    bodies = write_bodies(tmp_path / "bodies.csv", 4)
    out = tmp_path / "out"
    run = subprocess.run([FORMGEN, "bulk", "--year", "2026", "--quarter", "4", "--data", str(bodies), "--forms",
                          "report-4mk", "--lang", "en", "--format", "pdf", "-o", str(out), "--jobs", "2"],
                         capture_output=True, text=True, env={**os.environ, "TMPDIR": str(system_tmp)}, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(list(out.rglob("*.pdf"))) == 3
    assert list(system_tmp.iterdir()) == [] and not (out / ".formgen" / "tmp").exists()


def test_workers_die_with_their_parent_and_remove_their_temporary_files(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 60)
    out = tmp_path / "out"
    parent = subprocess.Popen([FORMGEN, "bulk", "--year", "2026", "--quarter", "4", "--data", str(bodies), "--forms",
                               "report-1mk", "--lang", "kk", "--format", "pdf", "-o", str(out), "--jobs", "2"],
                              stderr=subprocess.DEVNULL, start_new_session=True)
    journal = out / bulk.JOURNAL
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not journal.exists() or journal.read_text().count("\n") < 3):
        time.sleep(0.05)
    workers = children_of(parent.pid)
    assert len(workers) == 2
    assert len(list((out / ".formgen" / "tmp").glob("worker-*/weasyprint-*"))) == 2   # WeasyPrint's fonts: here
    parent.send_signal(signal.SIGKILL)                                  # the parent alone, not its group
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)
    made = sorted(out.rglob("*.pdf"))
    time.sleep(1.5)
    assert sorted(out.rglob("*.pdf")) == made and len(made) < 59        # nothing written after the kill
    assert not list((out / ".formgen").rglob("weasyprint-*"))
    os.killpg(parent.pid, signal.SIGKILL) if any(alive(p) for p in workers) else None


def test_a_terminal_shows_a_progress_bar_with_rate_and_time_left(tmp_path):
    bodies = write_bodies(tmp_path / "bodies.csv", 3)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # a terminal 100 columns wide
    run = subprocess.Popen([FORMGEN, "bulk", "--year", "2026", "--quarter", "4", "--data", str(bodies), "--forms",
                            "report-4mk", "--lang", "en", "--format", "docx", "-o", str(tmp_path / "out")],
                           stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert run.wait(timeout=120) == 0
    text = shown.decode(errors="replace")
    assert "100%" in text and "2/2" in text and "file/s" in text and "failed=0" in text
    assert "2 written" in text
