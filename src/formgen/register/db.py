"""Where the register lives and how it is opened: one SQLite file in a data directory
by default, PostgreSQL by URL; the schema is migrated (Alembic) on first use.

SQLite runs in WAL mode, so that readers never wait for a writer; a writing
transaction starts with BEGIN IMMEDIATE, so that writers queue (busy timeout)
instead of failing half-way.  PostgreSQL writers lock the rows they change
(SELECT … FOR UPDATE) in READ COMMITTED.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ..errors import FormgenError

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy timeout alone queues the writers
    fcntl = None

DATABASE_URL_ENV = "FORMGEN_DATABASE_URL"
DATA_DIR_ENV = "FORMGEN_DATA_DIR"
SQLITE_FILE = "register.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0002"
"""The newest migration; a test keeps it equal to Alembic's head."""

BUSY_TIMEOUT_S = 300
"""How long a SQLite writer waits for another to finish before giving up."""
_MIGRATION_LOCK = 0x666f726d67656e  # "formgen": PostgreSQL advisory lock taken while migrating


def default_data_dir() -> Path:
    """$FORMGEN_DATA_DIR, else the user's data directory (~/.local/share/formgen on Linux)."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("formgen", appauthor=False))


def database_url(url: str | None = None, data_dir: str | Path | None = None) -> str:
    """The URL given, else $FORMGEN_DATABASE_URL, else the SQLite file in the data directory."""
    url = url or os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    return f"sqlite:///{Path(data_dir) if data_dir else default_data_dir()}/{SQLITE_FILE}"


def open_engine(url: str) -> Engine:
    """An engine for url, the database created (SQLite) and migrated to the newest schema."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise FormgenError(f"not a database URL: {url!r} (sqlite:///PATH or postgresql://USER@HOST/DB)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    elif parsed.get_backend_name() == "postgresql":
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except ImportError:
            raise FormgenError("the register on PostgreSQL needs psycopg: pip install 'formgen[postgresql]'") from None
    else:
        raise FormgenError(f"the register runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}")
    try:
        _migrate(engine)
    except OperationalError as error:
        engine.dispose()
        raise FormgenError(f"cannot open the register at {parsed.render_as_string()}: {error.orig}") from None
    return engine


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions begin below, not in the driver
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get("formgen_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: committed at the end, rolled back on any error."""
    with _writers_queue(engine), engine.connect().execution_options(formgen_write=True) as connection, \
            connection.begin():
        yield connection


@contextmanager
def _writers_queue(engine: Engine) -> Iterator[None]:
    """SQLite writers of one file wait their turn on a lock file (flock), so that the next starts as soon
    as one commits; SQLite's own busy handler polls, and leaves the file idle between polls.  The
    kernel releases the lock of a killed process.  Elsewhere (PostgreSQL, Windows) nothing to do."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if fcntl is None or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A transaction that only reads: one consistent view of the register."""
    with engine.connect() as connection, connection.begin():
        yield connection


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine) -> None:
    """Bring the schema to HEAD_REVISION; concurrent first uses wait for each other."""
    with reading(engine) as connection:
        if _revision(connection) == HEAD_REVISION:
            return
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(text(f"pg_advisory_xact_lock({_MIGRATION_LOCK})")))
        if _revision(connection) == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
