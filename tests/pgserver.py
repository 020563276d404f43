"""A throwaway PostgreSQL 15 server for the register's tests and benchmark.

Debian's PostgreSQL refuses to run as root, and CI runs as root: the server is
then started as the `postgres` user (runuser) in a temporary folder it owns.
It listens on 127.0.0.1 only, and is stopped and removed on exit.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a server; yield its base URL (postgresql+psycopg://postgres@127.0.0.1:PORT) for databases
    to be created on."""
    if not (PG_BIN / "pg_ctl").is_file():
        raise RuntimeError(f"PostgreSQL 15 is not installed ({PG_BIN}); setup.sh installs it")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="formgen-pg-"))
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
    port, data = _free_port(), base / "data"

    def pg(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, capture_output=True, cwd=base)

    pg(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-E", "UTF8", "--no-sync", "-U", "postgres")
    pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
       f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={base} -c fsync=off "
       f"-c max_connections=60", "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """A new, empty database on server; its URL."""
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
