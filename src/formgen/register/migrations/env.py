"""Alembic's environment for the register: formgen runs it on a connection it holds (db._migrate);
from the alembic command it opens the register that FORMGEN_DATABASE_URL or the data directory names."""

from alembic import context

from formgen.register.models import metadata

connection = context.config.attributes.get("connection")


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    from sqlalchemy import create_engine

    from formgen.register.db import database_url

    with create_engine(database_url()).begin() as own:
        _run(own)
