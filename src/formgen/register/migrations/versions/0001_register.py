"""The register of issued documents: numbering masks, counters, entries, outputs and the trail

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "numbering",
        sa.Column("authority", sa.String(200), primary_key=True),
        sa.Column("department", sa.String(100), primary_key=True),
        sa.Column("form_id", sa.String(40), primary_key=True),
        sa.Column("mask", sa.String(100), nullable=False),
        sa.Column("set_at", sa.String(32), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "counters",
        sa.Column("authority", sa.String(200), primary_key=True),
        sa.Column("department", sa.String(100), primary_key=True),
        sa.Column("form_id", sa.String(40), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("authority", sa.String(200), nullable=False),
        sa.Column("department", sa.String(100), nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=True),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("edition", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("case_data", sa.Text, nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("document_date", sa.Date, nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("issued_by", sa.String(200), nullable=False),
        sa.Column("formgen_version", sa.String(40), nullable=False),
        sa.Column("template_sha256", sa.String(64), nullable=False),
        sa.Column("verify_base", sa.Text, nullable=True),
        sa.Column("entity_bin", sa.String(12), nullable=True, index=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("voided_at", sa.String(32), nullable=True),
        sa.Column("voided_by", sa.String(200), nullable=True),
        sa.Column("void_reason", sa.Text, nullable=True),
        sa.UniqueConstraint("authority", "department", "form_id", "year", "number"),
        sa.UniqueConstraint("authority", "department", "form_id", "year", "seq"),
    )
    op.create_index("ix_entries_form_year", "entries", ["form_id", "year"])
    op.create_index("uq_entries_external_number", "entries", ["authority", "year", "number"], unique=True,
                    sqlite_where=sa.text("seq IS NULL"), postgresql_where=sa.text("seq IS NULL"))
    op.create_table(
        "outputs",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id"), primary_key=True),
        sa.Column("format", sa.String(8), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id"), nullable=True, index=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    head = op.create_table(
        "trail_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("last_event", sa.Integer, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "last_event": 0, "last_hash": GENESIS}])


def downgrade() -> None:
    for table in ("trail_head", "events", "outputs", "entries", "counters", "numbering"):
        op.drop_table(table)
