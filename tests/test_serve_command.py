"""`formgen serve` as a user starts it: the real command on its embedded defaults (a SQLite register in
the data directory), listening on 127.0.0.1 and stopped by the test."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

FORMGEN = str(Path(sys.executable).parent / "formgen")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _serving(data_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """The base URL of a running `formgen serve` and the lines it printed before it listened."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FORMGEN_DATABASE_URL"} | {"FORMGEN_DATA_DIR": str(data_dir)}
    server = subprocess.Popen([FORMGEN, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        printed = []
        while not printed or not printed[-1].startswith("formgen serving"):
            line = server.stderr.readline()
            assert line, f"formgen serve ended: {printed}"
            printed.append(line.strip())
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base, printed
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_first_start_makes_an_administrator_whose_password_it_prints_once(tmp_path):
    with _serving(tmp_path) as (base, printed):
        found = re.search(r"account 'admin' \(administrator\), password (\S+) \(shown once\)", " ".join(printed))
        assert found, printed
        with httpx.Client(base_url=base) as browser:
            assert browser.get("/issued").status_code in (302, 303, 307)     # signed out: to the sign-in page
            wrong = browser.post("/signin", data={"login": "admin", "password": "admin", "next": "/issued"})
            assert wrong.status_code == 401 and "formgen_session" not in browser.cookies   # the form again
            signed_in = browser.post("/signin", data={"login": "admin", "password": found.group(1), "next": "/issued"})
            assert signed_in.status_code == 303 and signed_in.headers["location"] == "/issued"
            assert browser.get("/issued").status_code == 200
    assert (tmp_path / "register.sqlite3").is_file()    # the embedded default: SQLite in the data directory
    with _serving(tmp_path) as (_, printed_again):
        assert not any("password" in line for line in printed_again), printed_again
