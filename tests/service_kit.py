"""The service for tests: an app on a fresh register (SQLite in a folder, or a PostgreSQL URL), with
its lifespan run, and clients that send an API token of a given role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from formgen.service import Settings, create_app


@contextmanager
def service(settings: Settings) -> Iterator[TestClient]:
    """A client of the app (no credentials), its register open; app.state.register is the register."""
    with TestClient(create_app(settings)) as client:
        yield client


def token(client: TestClient, role: str, name: str | None = None) -> dict[str, str]:
    """The Authorization header of a new token of role."""
    _, secret = client.app.state.register.accounts.create_token(name or f"system-{role}", role=role, by="tests")
    return {"Authorization": f"Bearer {secret}"}


@contextmanager
def signed_in(settings: Settings, role: str = "administrator") -> Iterator[TestClient]:
    """A client that sends a token of role with every request."""
    with service(settings) as client:
        client.headers.update(token(client, role, "crm"))
        yield client
