"""`formgen serve`: the HTTP API and the clerk's page, on embedded defaults (127.0.0.1:8000)."""

from __future__ import annotations

import click

from ..service.settings import DATA_DIR_VARIABLE, DATABASE_URL_VARIABLE, Settings


@click.command()
@click.option("--host", default=Settings.host, show_default=True, help="The address to listen on.")
@click.option("--port", default=Settings.port, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=Settings.workers, show_default=True, type=click.IntRange(1, 64),
              help="Processes answering requests.")
@click.option("--database-url", envvar=DATABASE_URL_VARIABLE, show_envvar=True,
              help="The register's database: a SQLite file (the default, in the data directory) or a PostgreSQL URL.")
@click.option("--data-dir", envvar=DATA_DIR_VARIABLE, show_envvar=True, type=click.Path(file_okay=False),
              help="Where the SQLite register and the jobs' files live (default: the user's data directory).")
@click.option("--base-url", help="The service's public address, which the issued documents' QR codes name "
                                 "(e.g. https://docs.example.kz); https makes the session cookie Secure.")
@click.option("--job-slots", default=Settings.job_slots, show_default=True, type=click.IntRange(1, 8),
              help="Background jobs (bulk, consolidation) running at once, over all workers.")
def serve(host: str, port: int, workers: int, database_url: str | None, data_dir: str | None, base_url: str | None,
          job_slots: int) -> None:
    """Serve the HTTP API (/api, /openapi.json, /docs), the clerk's page (/) and the verification page
    (/verify).  Accounts: `formgen users add`; tokens for other systems: `formgen tokens create`."""
    import os

    import uvicorn

    settings = Settings.from_environment(host=host, port=port, workers=workers, database_url=database_url,
                                         data_dir=data_dir, base_url=base_url, job_slots=job_slots)
    # every worker process builds its app from the same settings, handed over in the environment
    for variable, value in ((DATABASE_URL_VARIABLE, settings.database_url), (DATA_DIR_VARIABLE, settings.data_dir),
                            ("FORMGEN_BASE_URL", settings.base_url), ("FORMGEN_JOB_SLOTS", str(job_slots))):
        if value:
            os.environ[variable] = value
    _first_administrator(settings)
    click.echo(f"formgen serving on http://{host}:{port}/ ({workers} worker{'s' if workers > 1 else ''})", err=True)
    uvicorn.run("formgen.service.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, server_header=False)


FIRST_LOGIN = "admin"


def _first_administrator(settings: Settings) -> None:
    """On a register without accounts, an administrator with a random password, printed once: a
    fresh `formgen serve` can be signed in to at once, and nobody shares a default password."""
    import secrets

    from ..errors import FormgenError
    from ..register import Register

    with Register(settings.database_url, data_dir=settings.data_dir) as register:
        if register.accounts.users():
            return
        password = secrets.token_urlsafe(12)
        try:
            register.accounts.add_user(FIRST_LOGIN, password, role="administrator", by="formgen serve")
        except FormgenError:  # another server sharing the database made it first
            return
    click.echo(f"first start: account {FIRST_LOGIN!r} (administrator), password {password} (shown once); "
               "add the clerks' accounts with `formgen users add`", err=True)
