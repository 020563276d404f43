"""`formgen serve`: the HTTP API and the clerk's page, on embedded defaults (127.0.0.1:8000)."""

from __future__ import annotations

import click

from ..service.settings import DATABASE_URL_VARIABLE, Settings


@click.command()
@click.option("--host", default=Settings.host, show_default=True, help="The address to listen on.")
@click.option("--port", default=Settings.port, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=Settings.workers, show_default=True, type=click.IntRange(1, 64),
              help="Processes answering requests.")
@click.option("--database-url", envvar=DATABASE_URL_VARIABLE, show_envvar=True,
              help="The register's database: a SQLite file (the default) or a PostgreSQL URL.")
@click.option("--base-url", help="The service's public address, for the links it gives (e.g. https://docs.example.kz).")
def serve(host: str, port: int, workers: int, database_url: str | None, base_url: str | None) -> None:
    """Serve the HTTP API (/api, /openapi.json, /docs) and the clerk's page (/)."""
    import os

    import uvicorn

    settings = Settings.from_environment(host=host, port=port, workers=workers, database_url=database_url,
                                         base_url=base_url)
    # every worker process builds its app from the same settings, handed over in the environment
    if settings.database_url:
        os.environ[DATABASE_URL_VARIABLE] = settings.database_url
    if settings.base_url:
        os.environ["FORMGEN_BASE_URL"] = settings.base_url
    click.echo(f"formgen serving on http://{host}:{port}/ ({workers} worker{'s' if workers > 1 else ''})", err=True)
    uvicorn.run("formgen.service.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, server_header=False)
