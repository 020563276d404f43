"""The ASGI application: the HTTP API, the pages, the docs, and what guards them all."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from . import documents, drafts, jobs, pages, problems, register, verification
from .access import require
from .limits import BodyLimit, SecurityHeaders
from .settings import Settings

DESCRIPTION = """Official documents of Kazakhstan's state control over the quality of public services
(Rules, Order No. 78, edition of Order No. 101; joint order 102/57) in Kazakh, Russian and English,
as DOCX, PDF, HTML and XLSX, and the register that issues them under outgoing numbers.

Send an API token (`formgen tokens create NAME`) as `Authorization: Bearer …`; the page's session
cookie works too, with `X-CSRF-Token` on every change. Roles: reader (read), clerk (also issue),
administrator (also void). Only `/healthz` and the verification (`/verify/…`, `/api/verify…`) answer
without either. Errors are RFC 9457 problems (`application/problem+json`) with every field path and a
message in the language of `Accept-Language` (else `?lang=`)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service configured by settings (defaults: see Settings).  Its register is opened when the
    app starts (the lifespan), one engine per worker process."""
    import formgen

    __version__ = formgen.__version__
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ..register import Register
        from ..register.db import default_data_dir

        opened = Register(settings.database_url, data_dir=settings.data_dir, public_url=settings.base_url)
        app.state.register = opened
        app.state.jobs_folder = Path(settings.data_dir or default_data_dir()) / "jobs"
        app.state.dispatcher = jobs.Dispatcher(opened, app.state.jobs_folder, settings.job_slots)
        dispatching = asyncio.create_task(app.state.dispatcher.run())
        try:
            yield
        finally:
            dispatching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await dispatching
            opened.close()

    app = FastAPI(title="formgen", version=__version__, description=DESCRIPTION, openapi_url=None,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    problems.install(app)
    app.include_router(documents.router(settings), dependencies=[Depends(require("reader"))])
    app.include_router(register.router(settings))
    app.include_router(drafts.router())
    app.include_router(jobs.router())
    app.include_router(verification.router())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(directory=str(files("formgen.service") / "static")), name="static")

    @app.get("/healthz", tags=["service"], summary="The service answers (no sign-in needed)")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(require("reader"))])
    def openapi_document() -> JSONResponse:
        return JSONResponse(app.openapi())

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
    """The app of one `formgen serve` worker: its settings from FORMGEN_DATABASE_URL, FORMGEN_DATA_DIR,
    FORMGEN_BASE_URL and FORMGEN_JOB_SLOTS."""
    import os

    return create_app(Settings.from_environment(base_url=os.environ.get("FORMGEN_BASE_URL") or None,
                                                job_slots=int(os.environ.get("FORMGEN_JOB_SLOTS") or 1)))
