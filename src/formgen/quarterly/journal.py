"""The record of a bulk run's finished files, kept in a folder formgen owns
inside --out (`.formgen/`), with the run's temporary folder beside it.

One JSON line per file written (path, what it was made from, its SHA-256),
appended as files finish.  A line cut short by a kill, a power cut or a full
disk is dropped before anything is appended, so the next line never glues onto
it.  One run at a time writes into a folder: a second is refused.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

from ..errors import FormgenError

STATE_DIR = ".formgen"
JOURNAL = f"{STATE_DIR}/journal"
TEMP_DIR = f"{STATE_DIR}/tmp"


class Journal:
    """Open for a run: locks out_dir, clears what an earlier run left in the temporary folder."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / JOURNAL
        self.temp_dir = out_dir / TEMP_DIR
        try:
            self.path.parent.mkdir(exist_ok=True)
            self._lock = open(self.path.parent / "lock", "w")
        except OSError as error:
            raise FormgenError(f"{out_dir}: cannot write: {error.strerror or error}") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise FormgenError(f"{out_dir}: another formgen bulk is writing into it; wait for it to finish") from None
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        self.temp_dir.mkdir()
        self.done = self._read()
        self._file = open(self.path, "ab")

    def _read(self) -> dict[str, tuple[str, str]]:
        """path → (key, sha256) of every file recorded; a cut-short last line is dropped from the file."""
        try:
            content = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        whole = content[:content.rfind(b"\n") + 1]
        if len(whole) != len(content):
            with open(self.path, "r+b") as f:
                f.truncate(len(whole))
        done = {}
        for line in whole.splitlines():
            try:
                entry = json.loads(line)
                done[entry["path"]] = (entry["key"], entry["sha256"])
            except (ValueError, KeyError, TypeError):
                continue
        return done

    def record(self, path: str, key: str, sha256: str) -> None:
        line = json.dumps({"path": path, "key": key, "sha256": sha256}, ensure_ascii=False) + "\n"
        self._file.write(line.encode())
        self.done[path] = (key, sha256)

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        """Flush to disk, remove the temporary folder, unlock."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        self._lock.close()
