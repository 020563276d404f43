"""Load on `formgen serve`, on 127.0.0.1 only, bounded in time and count.

1. Latency of one client, per form: every form's fixture rendered as DOCX over HTTP
   (target: p50 <= 10 ms each), and the notice as PDF against the library's own
   time for the same document in this process (target: <= 1.3x).
2. 16 concurrent clients for --seconds each: DOCX notices, then PDF notices, then
   issuing DOCX notices through the register, on one worker: p50/p95 latency,
   requests/s, errors (must be 0), the server's peak RSS and CPU per request.
3. The same PDF load on 2 workers: throughput against 1 worker (target: >= 1.7x).

Every request carries an API token (the service refuses any without); the server
runs on a fresh SQLite register in a temporary data directory.

    python benchmarks/service.py                 # 60 s per loaded phase, ~5 min in all
    python benchmarks/service.py --seconds 10    # a quick look

The machine's load (uptime) is printed before and after: the figures are only as
quiet as the machine was.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import formgen
from formgen.resources import FIXTURES_DIR

HOST = "127.0.0.1"
HEADERS = {"Content-Type": "application/json"}
"""Every request's headers; the server's token is added when it starts."""
MAX_REQUESTS = 500_000
"""A phase stops at this many requests even before its time is up."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """`formgen serve` in a subprocess on a free port of 127.0.0.1, on a fresh register in a temporary
    data directory, with a clerk's API token; stopped and removed when the block ends."""

    def __init__(self, workers: int):
        self.workers, self.port = workers, _free_port()

    def __enter__(self) -> Server:
        from formgen import Register

        self.data_dir = tempfile.mkdtemp(prefix="formgen-bench-")
        with Register(data_dir=self.data_dir, public_url="") as register:
            _, secret = register.accounts.create_token("benchmark", role="clerk", by="benchmark")
        HEADERS["Authorization"] = f"Bearer {secret}"
        code = "from formgen.cli import main; main()"
        self.process = subprocess.Popen([sys.executable, "-c", code, "serve", "--host", HOST, "--port", str(self.port),
                                         "--workers", str(self.workers), "--data-dir", self.data_dir],
                                        stderr=subprocess.DEVNULL, start_new_session=True,
                                        env={k: v for k, v in os.environ.items()
                                             if k not in ("FORMGEN_DATABASE_URL", "FORMGEN_PUBLIC_URL")})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=1)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the service did not start")
        time.sleep(0.5 * self.workers)  # let every worker finish importing
        return self

    def __exit__(self, *exc: object) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def rss_bytes(self) -> int:
        """Resident memory of the server's processes (the master and its workers)."""
        total = 0
        for pid in self._tree():
            try:
                fields = Path(f"/proc/{pid}/statm").read_text().split()
            except OSError:
                continue
            total += int(fields[1]) * os.sysconf("SC_PAGE_SIZE")
        return total

    def cpu_seconds(self) -> float:
        """CPU time the server's processes have used: on a shared machine, steadier than wall time."""
        total = 0
        for pid in self._tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def _tree(self) -> list[int]:
        pids = [self.process.pid]
        for pid in pids:
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            pids += [int(c) for c in children]
        return pids


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0
    peak_rss: int = 0

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def all(self) -> list[float]:
        return [x for v in self.latencies.values() for x in v]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


Request = tuple[str, str, bytes]  # (label, path, body)


def _case(form_id: str) -> bytes:
    return (FIXTURES_DIR / f"{form_id}.json").read_bytes()


def load(server: Server, requests: list[Request], clients: int, seconds: float) -> Result:
    """clients threads, each with its own keep-alive connection, sending requests in turn until time is up."""
    result = Result(latencies={label: [] for label, _, _ in requests})
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    sent = [0]

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
        i = offset
        while time.monotonic() < stop:
            with lock:
                if sent[0] >= MAX_REQUESTS:
                    return
                sent[0] += 1
            label, path, body = requests[i % len(requests)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("POST", path, body, HEADERS)
                response = connection.getresponse()
                response.read()
                ok = response.status in (200, 201)
            except OSError:
                ok = False
                connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    result.latencies[label].append(elapsed)
                else:
                    result.errors += 1

    def watch() -> None:
        while time.monotonic() < stop:
            result.peak_rss = max(result.peak_rss, server.rss_bytes())
            time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)] + [threading.Thread(target=watch)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - began
    return result


def library_p50(render: Callable[[], bytes], count: int) -> float:
    render()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        render()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _uptime() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each loaded phase (default 60)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--single", type=int, default=200, help="requests per form for the one-client latency")
    args = parser.parse_args()
    print(f"load average before: {_uptime()}; {os.cpu_count()} cores")

    docx = [(form_id, f"/api/forms/{form_id}/render?lang=ru&format=docx", _case(form_id)) for form_id in formgen.FORMS]
    notice_pdf = [("audit-start pdf", "/api/forms/audit-start/render?lang=ru&format=pdf", _case("audit-start"))]
    notice_docx = [("audit-start docx", "/api/forms/audit-start/render?lang=ru&format=docx", _case("audit-start"))]
    unnumbered = json.loads(_case("audit-start"))
    del unnumbered["number"]
    issue_docx = [("issue audit-start docx", "/api/forms/audit-start/issue?lang=ru&format=docx",
                   json.dumps(unnumbered, ensure_ascii=False).encode())]

    with Server(workers=1) as server:
        print(f"\n1. one client, DOCX per form over HTTP ({args.single} requests each)")
        print(f"{'form':<20} {'p50 ms':>8} {'p95 ms':>8} {'server CPU ms':>14} {'library p50 ms':>15}")
        for request in docx:
            latencies, cpu = _sequential(server, request, args.single)
            case = json.loads(request[2])
            lib = library_p50(lambda: formgen.render(request[0], case, lang="ru", fmt="docx"), 50)
            print(f"{request[0]:<20} {_percentile(latencies, 50):8.2f} {_percentile(latencies, 95):8.2f} "
                  f"{cpu:14.2f} {lib:15.2f}")
        pdf, cpu = _sequential(server, notice_pdf[0], max(20, args.single // 5))
        case = json.loads(_case("audit-start"))
        lib_pdf = library_p50(lambda: formgen.render("audit-start", case, lang="ru", fmt="pdf"), 30)
        http_pdf = _percentile(pdf, 50)
        print(f"{'audit-start PDF':<20} {http_pdf:8.2f} {_percentile(pdf, 95):8.2f} {cpu:14.2f} {lib_pdf:15.2f}  "
              f"(HTTP/library {http_pdf / lib_pdf:.2f}x)")

        print(f"\n2. {args.clients} clients for {args.seconds:g} s each, 1 worker")
        one = {}
        for name, requests in (("DOCX notice", notice_docx), ("DOCX every form", docx), ("PDF notice", notice_pdf),
                               ("issue DOCX notice", issue_docx)):
            cpu_before = server.cpu_seconds()
            one[name] = result = load(server, requests, args.clients, args.seconds)
            _report(name, result, server.cpu_seconds() - cpu_before)

    print("\n3. the same loads on 2 workers")
    with Server(workers=2) as server:
        cpu_before = server.cpu_seconds()
        two = load(server, notice_pdf, args.clients, args.seconds)
        _report("PDF notice, 2 workers", two, server.cpu_seconds() - cpu_before)
        cpu_before = server.cpu_seconds()
        two_docx = load(server, notice_docx, args.clients, args.seconds)
        _report("DOCX notice, 2 workers", two_docx, server.cpu_seconds() - cpu_before)
    print(f"2 workers / 1 worker, PDF notices: {two.count / two.seconds / (one['PDF notice'].count / one['PDF notice'].seconds):.2f}x; "
          f"DOCX notices: {two_docx.count / two_docx.seconds / (one['DOCX notice'].count / one['DOCX notice'].seconds):.2f}x")
    print(f"\nload average after: {_uptime()}")


def _sequential(server: Server, request: Request, count: int) -> tuple[list[float], float]:
    """One client's latencies for count requests, and the server's CPU milliseconds per request."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
    label, path, body = request
    times = []
    cpu_before = 0.0
    for n in range(count + 5):
        if n == 5:
            cpu_before = server.cpu_seconds()
        started = time.perf_counter()
        connection.request("POST", path, body, HEADERS)
        response = connection.getresponse()
        response.read()
        if response.status not in (200, 201):
            raise SystemExit(f"{label}: HTTP {response.status}")
        if n >= 5:  # the first few warm the templates
            times.append(time.perf_counter() - started)
    return times, (server.cpu_seconds() - cpu_before) / count * 1000


def _report(name: str, result: Result, cpu_seconds: float) -> None:
    values = result.all()
    print(f"{name:<24} {len(values):7d} requests  {len(values) / result.seconds:8.1f} req/s  "
          f"p50 {_percentile(values, 50):7.1f} ms  p95 {_percentile(values, 95):7.1f} ms  "
          f"errors {result.errors}  peak RSS {result.peak_rss / 2**20:.0f} MiB  "
          f"server CPU {cpu_seconds / max(len(values), 1) * 1000:.2f} ms/request  load {_uptime()}")


if __name__ == "__main__":
    main()
