"""The register's tables (SQLAlchemy Core): what a migration creates, and what the queries name.

A table is added by a new migration in migrations/versions/ (see migrations/README), then
described here: 0001 creates the register's tables, 0002 the service's (accounts, sessions,
tokens, drafts, jobs).
"""

from __future__ import annotations

from sqlalchemy import (Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

numbering = Table(
    "numbering", metadata,
    Column("authority", String(200), primary_key=True),
    Column("department", String(100), primary_key=True),  # '' applies to every department
    Column("form_id", String(40), primary_key=True),  # '' applies to every form
    Column("mask", String(100), nullable=False),
    Column("set_at", String(32), nullable=False),
    Column("set_by", String(200), nullable=False),
)
"""Masks of outgoing numbers, per authority, department and form."""

counters = Table(
    "counters", metadata,
    Column("authority", String(200), primary_key=True),
    Column("department", String(100), primary_key=True),
    Column("form_id", String(40), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)
"""The last sequence number given in each series; locked while a number is taken."""

entries = Table(
    "entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),  # SHA-256 of the record (entry and case data)
    Column("authority", String(200), nullable=False),
    Column("department", String(100), nullable=False),
    Column("form_id", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=True),  # None: an external number
    Column("number", String(100), nullable=False),
    Column("edition", String(200), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("case_data", Text, nullable=False),  # the validated case data, canonical JSON
    Column("options", Text, nullable=False),  # rendering options, canonical JSON
    Column("document_date", Date, nullable=False),
    Column("issued_at", String(32), nullable=False),  # ISO 8601, Asia/Almaty
    Column("issued_by", String(200), nullable=False),
    Column("formgen_version", String(40), nullable=False),
    Column("template_sha256", String(64), nullable=False),
    Column("verify_base", Text, nullable=True),  # the public base URL of the QR code; None: no code
    Column("entity_bin", String(12), nullable=True, index=True),
    Column("status", String(8), nullable=False),  # issued or voided
    Column("voided_at", String(32), nullable=True),
    Column("voided_by", String(200), nullable=True),
    Column("void_reason", Text, nullable=True),
    UniqueConstraint("authority", "department", "form_id", "year", "number"),
    UniqueConstraint("authority", "department", "form_id", "year", "seq"),
    Index("ix_entries_form_year", "form_id", "year"),
)
"""Every document issued: what it was made from and how, never deleted."""

external_numbers = Index(
    "uq_entries_external_number", entries.c.authority, entries.c.year, entries.c.number, unique=True,
    sqlite_where=entries.c.seq.is_(None), postgresql_where=entries.c.seq.is_(None))
"""A number from a body's own document-management system is unique in the authority and year."""

outputs = Table(
    "outputs", metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("format", String(8), primary_key=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", Integer, nullable=False),
)
"""The SHA-256 of each file an entry was issued (or first reprinted) as."""

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3, … without a gap
    Column("at", String(32), nullable=False),
    Column("action", String(16), nullable=False),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=True, index=True),
    Column("actor", String(200), nullable=False),
    Column("details", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
"""The append-only trail: each event carries the hash of the one before it."""

trail_head = Table(
    "trail_head", metadata,
    Column("id", Integer, primary_key=True),
    Column("last_event", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)
"""One row: the trail's last event, locked while an event is appended."""

# ------------------------------------------------------- the service's (migration 0002)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),  # as the page shows it
    Column("role", String(16), nullable=False),  # reader, clerk or administrator
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters and salt
    Column("created_at", String(32), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("disabled_at", String(32), nullable=True),  # None: may sign in
)
"""The accounts of the people who sign in to the service's page."""

sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie's secret: a stolen table opens no session
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),  # the token the page sends back with every change
    Column("created_at", Integer, nullable=False),  # seconds since the epoch
    Column("expires_at", Integer, nullable=False),
)
"""Signed-in sessions; signing out or disabling the account deletes them."""

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),  # the system it was given to; who issued, in the register
    Column("role", String(16), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),  # the token itself is shown once, never stored
    Column("created_at", String(32), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("revoked_at", String(32), nullable=True),
)
"""Bearer tokens of other systems."""

drafts = Table(
    "drafts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(200), nullable=False, index=True),  # user:<login> or token:<name>
    Column("form_id", String(40), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("title", String(200), nullable=False),
    Column("data", Text, nullable=False),  # the case data as typed so far, JSON (need not be valid)
    Column("saved_at", String(32), nullable=False),
)
"""Case data a clerk saved to come back to, kept per clerk."""

jobs = Table(
    "jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),  # bulk or consolidate
    Column("owner", String(200), nullable=False, index=True),
    Column("status", String(8), nullable=False, index=True),  # queued, running, done, failed
    Column("params", Text, nullable=False),  # JSON
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("problems", Text, nullable=False),  # JSON list of {path, message}
    Column("result", String(200), nullable=True),  # the result's file name in the job's folder
    Column("runner", String(100), nullable=True),  # host:pid of the process running it
    Column("created_at", String(32), nullable=False),
    Column("started_at", String(32), nullable=True),
    Column("finished_at", String(32), nullable=True),
)
"""Background jobs (bulk, consolidation): their state, so that any worker can answer about them."""
