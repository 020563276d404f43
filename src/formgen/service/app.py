"""The ASGI application: the HTTP API, the clerk's page, the docs, and what guards them all."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from . import documents, pages, problems
from .limits import BodyLimit, SecurityHeaders
from .settings import Settings

DESCRIPTION = """Official documents of Kazakhstan's state control over the quality of public services
(Rules, Order No. 78, edition of Order No. 101; joint order 102/57) in Kazakh, Russian and English,
as DOCX, PDF, HTML and XLSX. Errors are RFC 9457 problems (`application/problem+json`) with every
field path and a message in the language of `Accept-Language` (else `?lang=`)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service configured by settings (defaults: see Settings)."""
    import formgen

    __version__ = formgen.__version__
    settings = settings or Settings()
    app = FastAPI(title="formgen", version=__version__, description=DESCRIPTION, openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    problems.install(app)
    app.include_router(documents.router(settings))
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(directory=str(files("formgen.service") / "static")), name="static")

    @app.get("/healthz", tags=["service"], summary="The service answers")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.openapi = lambda: _problems_only(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _problems_only(app: FastAPI) -> dict:
    """The OpenAPI document without FastAPI's 422 HTTPValidationError: a bad parameter is a 400 problem here."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.get("responses", {})
                if "HTTPValidationError" in str(responses.get("422", "")):
                    del responses["422"]
                    responses.setdefault("400", documents.PROBLEM)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_environment() -> FastAPI:
    """The app of one `formgen serve` worker: its settings from FORMGEN_DATABASE_URL and FORMGEN_BASE_URL."""
    import os

    return create_app(Settings.from_environment(base_url=os.environ.get("FORMGEN_BASE_URL") or None))
