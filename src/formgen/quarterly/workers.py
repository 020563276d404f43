"""Worker processes for bulk runs that leave nothing behind.

Each worker keeps its temporary files (WeasyPrint's font folder, the files
being written) in a folder of its own under the run's temporary folder, which
formgen owns and removes.  A worker dies with the process that started it
(Linux: PR_SET_PDEATHSIG), removing its folder as it goes, so killing a run
stops its writing at once; what a SIGKILL of the whole group leaves, the next
run removes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_OWN: dict[str, Path] = {}


def own_temp_dir() -> Path:
    """This process's temporary folder in the run (set up by start_worker)."""
    return _OWN["dir"]


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        _leave(signal.SIGTERM, None)


def _leave(signum: int, frame: Any) -> None:
    folder = _OWN.get("dir")
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        try:
            folder.parent.rmdir()   # the last worker out removes the run's folder, if nothing else is left
        except OSError:
            pass
    os._exit(128 + signum)


def start_worker(temp_root: Path, parent: int, setup: Callable[..., None], args: tuple) -> None:
    """Pool initializer: a temporary folder of its own, death with the parent, then setup(*args)."""
    folder = temp_root / f"worker-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    _OWN["dir"] = folder
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    signal.signal(signal.SIGTERM, _leave)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C reaches the parent, which stops the pool
    _die_with_parent(parent)
    setup(*args)


def run_in_workers(task: Callable[[T], R], items: Iterable[T], jobs: int, temp_root: Path,
                   setup: Callable[..., None], args: tuple = ()) -> Iterator[R]:
    """task over items in jobs processes, results as they come; each process runs setup(*args) first."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(jobs, initializer=start_worker, initargs=(temp_root, os.getpid(), setup, args),
                        maxtasksperchild=500)
    try:
        yield from pool.imap_unordered(task, items)
        pool.close()      # the workers finish and leave; terminate() is only for a run cut short
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
