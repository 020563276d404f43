"""What issuing through the register costs over plain rendering, per document.

For each database (SQLite file, PostgreSQL server) and number of processes,
N documents of one form are rendered plainly (formgen.render, the number given
in the case data), then issued into a fresh register (Register.issue: number
taken, entry and trail written, committed), the processes started together.
Times are wall-clock from "go" to the last process done, divided by N; the
overhead is issue minus render.  With one process the CPU time is reported too
(overhead less what the disk spends on the commit), and the time of one fsync on
the register's disk: SQLite commits with synchronous=FULL (an issued number
survives a power cut), which costs one fsync a document.

PostgreSQL is a throwaway server started for the run (tests/pgserver.py; fsync=off,
as in the tests), so its figures leave out the disk.

    .venv/bin/python benchmarks/register.py                                   # docx, 400 documents, 1 and 8 processes
    .venv/bin/python benchmarks/register.py --formats pdf --documents 80      # the PDF/A archive copy
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def child(mode: str, url: str, count: int, form_id: str, formats: list[str]) -> None:
    """One process: load everything, say ready, wait for go, render or issue count documents."""
    import formgen
    from formgen.register import Register
    from formgen.resources import FIXTURES_DIR

    case = json.loads((FIXTURES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))
    for fmt in formats:
        formgen.render(form_id, case, lang="ru", fmt=fmt)
    register = Register(url) if mode == "issue" else None
    if register:
        case.pop("number", None)
    print("ready", flush=True)
    sys.stdin.readline()
    cpu = time.process_time()
    for _ in range(count):
        if register:
            register.issue(form_id, case, lang="ru", formats=formats, issued_by="benchmark")
        else:
            for fmt in formats:
                formgen.render(form_id, case, lang="ru", fmt=fmt)
    print(json.dumps({"cpu": time.process_time() - cpu}), flush=True)


def run(mode: str, url: str, documents: int, processes: int, form_id: str, formats: str) -> tuple[float, float]:
    """Wall seconds per document, and CPU seconds per document of the processes."""
    share = [documents // processes + (i < documents % processes) for i in range(processes)]
    workers = [subprocess.Popen([sys.executable, __file__, "--child", mode, url, str(n), form_id, formats],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for n in share]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    cpu = sum(json.loads(worker.stdout.readline())["cpu"] for worker in workers)
    wall = time.perf_counter() - start
    for worker in workers:
        worker.wait()
        assert worker.returncode == 0
    return wall / documents, cpu / documents


def fsync_ms(folder: Path) -> float:
    path = folder / "fsync.probe"
    with open(path, "wb") as f:
        start = time.perf_counter()
        for _ in range(50):
            f.write(b"x" * 4096)
            f.flush()
            os.fsync(f.fileno())
        took = (time.perf_counter() - start) / 50 * 1000
    path.unlink()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--processes", default="1,8")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--form", default="audit-resumption")
    parser.add_argument("--formats", default="docx")
    args = parser.parse_args()
    from pgserver import create_database, throwaway_postgres

    print(f"{args.form} as {args.formats}, {args.documents} documents; milliseconds per document")
    print(f"{'database':<11} {'processes':>9} {'render':>8} {'issue':>8} {'overhead':>9} {'CPU overhead':>13}")
    with tempfile.TemporaryDirectory(prefix="formgen-bench-") as folder, ExitStack() as stack:
        server = stack.enter_context(throwaway_postgres()) if "postgresql" in args.backends else None
        for backend in args.backends.split(","):
            for processes in map(int, args.processes.split(",")):
                name = f"bench_{processes}"
                url = f"sqlite:///{folder}/{name}.sqlite3" if backend == "sqlite" else create_database(server, name)
                render, render_cpu = run("render", url, args.documents, processes, args.form, args.formats)
                issue, issue_cpu = run("issue", url, args.documents, processes, args.form, args.formats)
                cpu = f"{(issue_cpu - render_cpu) * 1000:13.2f}" if processes == 1 else f"{'':13}"
                print(f"{backend:<11} {processes:>9} {render * 1000:8.2f} {issue * 1000:8.2f} "
                      f"{(issue - render) * 1000:9.2f} {cpu}", flush=True)
        print(f"one fsync on the SQLite register's disk: {fsync_ms(Path(folder)):.2f} ms")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        mode, url, count, form_id, formats = sys.argv[2:]
        child(mode, url, int(count), form_id, formats.split(","))
    else:
        main()
