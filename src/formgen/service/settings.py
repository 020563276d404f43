"""What a running service is configured with: where it listens, its register's database, its limits."""

from __future__ import annotations

import os
from dataclasses import dataclass

DATABASE_URL_VARIABLE = "FORMGEN_DATABASE_URL"
DATA_DIR_VARIABLE = "FORMGEN_DATA_DIR"


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    database_url: str | None = None
    """The register's database (a SQLite file or a PostgreSQL URL); default: the SQLite file in data_dir."""
    data_dir: str | None = None
    """Where the SQLite register and the jobs' files live ($FORMGEN_DATA_DIR, else the user's data directory)."""
    base_url: str | None = None
    """The service's public address, for links it prints: schema `$id`s and the verification address the
    issued documents' QR codes name; https makes the session cookie Secure."""
    job_slots: int = 1
    """Background jobs (bulk, consolidation) running at once, over all workers."""
    max_body_bytes: int = 2 * 1024 * 1024
    """A request body larger than this is refused with 413 before it is read whole."""
    render_seconds: float = 30.0
    """A render that takes longer is answered with a problem instead of the document."""

    @classmethod
    def from_environment(cls, **given: object) -> Settings:
        """Settings from the arguments given, FORMGEN_DATABASE_URL and FORMGEN_DATA_DIR filling what is not."""
        values = {k: v for k, v in given.items() if v is not None}
        values.setdefault("database_url", os.environ.get(DATABASE_URL_VARIABLE) or None)
        values.setdefault("data_dir", os.environ.get(DATA_DIR_VARIABLE) or None)
        return cls(**values)  # type: ignore[arg-type]
