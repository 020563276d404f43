"""Shared helpers: load fixtures, and read rendered documents back the way a person would."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from formgen.resources import FIXTURES_DIR


def load_fixture(form_id: str) -> dict:
    return json.loads((FIXTURES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Whitespace folded to single spaces, so line breaks of a layout do not matter."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def docx_text(content: bytes) -> str:
    """The text of every paragraph and table cell of a DOCX, as python-docx reads it."""
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_fonts(content: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds, without the subset prefix."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.fixture
def fixture_data():
    return load_fixture


# ---------------------------------------------------------------- the register's databases

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL 15 server on 127.0.0.1 for the session, started as the `postgres` user
    when the tests run as root (PostgreSQL refuses root), stopped and removed at the end."""
    if not (PG_BIN / "pg_ctl").is_file():
        pytest.fail(f"PostgreSQL 15 is not installed ({PG_BIN}); setup.sh installs it")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="formgen-pg-"))
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
    port = _free_port()
    data = base / "data"

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


@pytest.fixture
def postgres_url(postgres_server, request):
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name)[:40].lower() + f"_{os.getpid()}_{next(_DB_COUNTER)}"
    admin = postgres_server.replace("postgresql+psycopg", "postgresql") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_DB_COUNTER = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The same test on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/register.sqlite3"
    return request.getfixturevalue("postgres_url")
