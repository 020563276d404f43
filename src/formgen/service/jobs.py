"""Background jobs: the quarter's blank reports for many bodies (bulk, a ZIP) and the consolidation
of filled returns (an XLSX or JSON report), too long to answer in one request.

POST starts a job and answers 202 at once; GET says how far it got; the
result is fetched when it is done.  A job's state is a row of the register's
database, so any worker answers about any job; its files live in the data
directory's jobs/<id>/.  Jobs run one or two at a time in all (Settings.
job_slots): a worker claims a queued job in a transaction that counts the
running ones, and runs it in a subprocess of its own (`python -m
formgen.service.jobs`), which reports its progress to the database.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import logging
import os
import secrets
import shutil
import socket
import sys
import time
import zipfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path as PathParam, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import Engine, delete, func, insert, select, text, update
from starlette.concurrency import run_in_threadpool

from ..errors import FormgenError, InvalidData
from ..forms.report_layouts import REPORT_IDS
from ..locale import LANGS, Lang
from ..register import Register, db
from ..register.models import jobs
from ..register.register import ALMATY, _now
from .access import Clerk, Reader, register_of
from .documents import MEDIA_TYPES, PROBLEM
from .problems import ProblemError

log = logging.getLogger("formgen.service.jobs")
Kind = Literal["bulk", "consolidate"]
JobId = Annotated[str, PathParam(pattern="^[0-9a-f]{32}$", description="the job's id")]
MAX_BODIES = 2000
"""Rows of a bulk CSV: more is several jobs."""
MAX_REPORTS = 500
"""Returns one consolidation adds up."""
POLL_SECONDS = 1.0
KEEP_DAYS = 7
"""A finished job and its files are kept this long after it ends, then forgotten: a quarter's
blanks for every body run to hundreds of megabytes."""
SWEEP_SECONDS = 3600
"""How often a worker looks for jobs to forget."""
PROGRESS_SECONDS = 0.5
"""A running job writes its progress at most this often."""
_CLAIM_LOCK = 0x666f726d6a6f62  # "formjob": PostgreSQL advisory lock held while a job is claimed
_ERRORS = {400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM, 413: PROBLEM}
RESULT_MEDIA = {"zip": "application/zip", "json": "application/json", "xlsx": MEDIA_TYPES["xlsx"]}


def _listed(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    wrong = [v for v in items if v not in allowed]
    if wrong or not items:
        raise ProblemError("bad-request", 400, f"{what}: {', '.join(wrong) or 'none given'}; use {', '.join(allowed)}")
    return list(dict.fromkeys(items))


def _status(row) -> dict[str, Any]:
    return {"id": row.id, "kind": row.kind, "status": row.status, "done": row.done, "total": row.total,
            "failed": row.failed, "problems": json.loads(row.problems), "params": json.loads(row.params),
            "created_at": row.created_at, "started_at": row.started_at, "finished_at": row.finished_at,
            "result": f"/api/jobs/{row.id}/result" if row.status == "done" and row.result else None}


# ---------------------------------------------------------------------- the queue

def enqueue(engine: Engine, folder: Path, kind: Kind, owner: str, params: dict[str, Any],
            inputs: list[tuple[str, bytes]]) -> str:
    """A queued job with its input files written to folder/<id>/input/."""
    job_id = secrets.token_hex(16)
    inbox = folder / job_id / "input"
    inbox.mkdir(parents=True)
    for name, content in inputs:
        (inbox / name).write_bytes(content)
    with db.writing(engine) as connection:
        connection.execute(insert(jobs), {
            "id": job_id, "kind": kind, "owner": owner, "status": "queued", "params": json.dumps(params, ensure_ascii=False),
            "done": 0, "total": 0, "failed": 0, "problems": "[]", "result": None, "runner": None,
            "created_at": _now(), "started_at": None, "finished_at": None})
    return job_id


def claim(engine: Engine, slots: int) -> str | None:
    """The oldest queued job, marked running, when fewer than slots run in all; else None.  Looks
    first without writing, so that an idle poll never waits for the register's writers."""
    with db.reading(engine) as connection:
        if connection.execute(select(jobs.c.id).where(jobs.c.status == "queued").limit(1)).first() is None:
            return None
    with db.writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(text(f"pg_advisory_xact_lock({_CLAIM_LOCK})")))
        running = connection.execute(select(func.count()).select_from(jobs).where(jobs.c.status == "running")).scalar_one()
        if running >= slots:
            return None
        job_id = connection.execute(select(jobs.c.id).where(jobs.c.status == "queued")
                                    .order_by(jobs.c.created_at, jobs.c.id).limit(1)).scalar()
        if job_id is not None:
            connection.execute(update(jobs).where(jobs.c.id == job_id).values(
                status="running", started_at=_now(), runner=socket.gethostname()))
        return job_id


def _finish(engine: Engine, job_id: str, status: str, problems: list[dict[str, str]], result: str | None = None,
            **counts: int) -> None:
    with db.writing(engine) as connection:
        connection.execute(update(jobs).where(jobs.c.id == job_id).values(
            status=status, problems=json.dumps(problems, ensure_ascii=False), result=result,
            finished_at=_now(), **counts))


def fail_abandoned(engine: Engine) -> None:
    """Jobs this host was running when its service stopped (their process is gone) are failed."""
    host = socket.gethostname()
    with db.reading(engine) as connection:
        rows = connection.execute(select(jobs.c.id, jobs.c.runner).where(
            jobs.c.status == "running", jobs.c.runner.like(f"{host}%"))).all()
    for row in rows:
        _, _, pid = row.runner.partition(":")
        if not pid.isdigit() or not Path(f"/proc/{pid}").exists():
            _finish(engine, row.id, "failed", [{"path": "", "message": "interrupted: the service stopped while "
                                                                         "the job ran; start it again"}])


def forget_old(engine: Engine, folder: Path, now: dt.datetime | None = None) -> int:
    """Jobs that ended more than KEEP_DAYS ago: their rows deleted and their files removed.  How many."""
    cutoff = ((now or dt.datetime.now(ALMATY)) - dt.timedelta(days=KEEP_DAYS)).replace(microsecond=0).isoformat()
    with db.reading(engine) as connection:
        old = connection.execute(select(jobs.c.id).where(jobs.c.status.in_(("done", "failed")),
                                                         jobs.c.finished_at < cutoff)).scalars().all()
    if old:
        with db.writing(engine) as connection:
            connection.execute(delete(jobs).where(jobs.c.id.in_(old)))
        for job_id in old:  # another worker may be removing them too
            shutil.rmtree(folder / job_id, ignore_errors=True)
    return len(old)


class Dispatcher:
    """A worker's loop: claim a queued job when a slot is free, run it in a subprocess, wait for it."""

    def __init__(self, register: Register, folder: Path, slots: int):
        self.register, self.folder, self.slots = register, folder, slots
        self.wake = asyncio.Event()
        self.running: set[asyncio.Task] = set()

    async def run(self) -> None:
        await run_in_threadpool(fail_abandoned, self.register.engine)
        swept = -SWEEP_SECONDS
        while True:
            if time.monotonic() - swept >= SWEEP_SECONDS:
                swept = time.monotonic()
                try:
                    await run_in_threadpool(forget_old, self.register.engine, self.folder)
                except Exception:  # the database away for a moment: at the next sweep
                    log.exception("cannot forget old jobs")
            try:
                job_id = await run_in_threadpool(claim, self.register.engine, self.slots)
                if job_id is not None:  # claim() keeps the bound over all workers; look for another at once
                    task = asyncio.create_task(self._run(job_id))
                    self.running.add(task)
                    task.add_done_callback(self.running.discard)
                    continue
            except Exception:  # the database away for a moment: try again at the next poll
                log.exception("cannot claim a job")
            try:
                await asyncio.wait_for(self.wake.wait(), POLL_SECONDS)
            except TimeoutError:
                pass
            self.wake.clear()

    async def _run(self, job_id: str) -> None:
        env = {**os.environ, db.DATABASE_URL_ENV: self.register.url}
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "formgen.service.jobs", job_id,
                                                       str(self.folder), env=env)
        await run_in_threadpool(_mark_runner, self.register.engine, job_id, process.pid)
        code = await process.wait()  # if the service stops meanwhile, the job goes on in its own process
        if code != 0:
            await run_in_threadpool(_fail_if_running, self.register.engine, job_id,
                                    f"the job's process ended with status {code}")


def _mark_runner(engine: Engine, job_id: str, pid: int) -> None:
    with db.writing(engine) as connection:
        connection.execute(update(jobs).where(jobs.c.id == job_id).values(runner=f"{socket.gethostname()}:{pid}"))


def _fail_if_running(engine: Engine, job_id: str, message: str) -> None:
    with db.reading(engine) as connection:
        status = connection.execute(select(jobs.c.status).where(jobs.c.id == job_id)).scalar()
    if status == "running":
        _finish(engine, job_id, "failed", [{"path": "", "message": message}])


# ---------------------------------------------------------------------- running one

class _Progress:
    """bulk's progress(done, total, failed), written to the job's row at most every PROGRESS_SECONDS."""

    def __init__(self, engine: Engine, job_id: str):
        self.engine, self.job_id, self.written = engine, job_id, 0.0

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.monotonic()
        if done < total and now - self.written < PROGRESS_SECONDS:
            return
        self.written = now
        with db.writing(self.engine) as connection:
            connection.execute(update(jobs).where(jobs.c.id == self.job_id).values(done=done, total=total,
                                                                                   failed=failed))


def _problems(error: Exception, lang: Lang) -> list[dict[str, str]]:
    if isinstance(error, InvalidData):
        from ..forms.messages import translated

        return [{"path": p.path, "message": p.message} for p in translated(error.problems, lang)]
    return [{"path": "", "message": str(error)}]


def _bulk(engine: Engine, job_id: str, work: Path, params: dict[str, Any]) -> None:
    from .. import api

    out = work / "out"
    result = api.bulk(params["year"], params["quarter"], work / "input" / "bodies.csv", out, forms=params["forms"],
                      langs=params["langs"], formats=params["formats"], jobs=1, progress=_Progress(engine, job_id))
    with zipfile.ZipFile(work / "result.zip.part", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(out).as_posix())
    (work / "result.zip.part").replace(work / "result.zip")
    problems = [{"path": p.path, "message": p.message} for p in result.failed]
    _finish(engine, job_id, "done", problems, "result.zip", done=result.written + result.skipped,
            total=result.written + result.skipped + len(result.failed), failed=len(result.failed))


def _consolidate(engine: Engine, job_id: str, work: Path, params: dict[str, Any]) -> None:
    from .. import api
    from ..quarterly.consolidate import read_report

    names = params["files"]
    reports = []
    for done, (stored, name) in enumerate(names, 1):
        # the clerk's file name, not the stored one, names the report in problems and sources; an upload has
        # no time of saving, so with latest the return given later in the upload wins
        reports.append(dataclasses.replace(read_report(work / "input" / stored, params["form_id"]), name=name,
                                           modified=float(done)))
        _Progress(engine, job_id)(done, len(names) + 1, 0)
    result = api.consolidate(params["form_id"], reports, latest=params.get("latest", False))
    if params["format"] == "json":
        content = json.dumps(result.data, ensure_ascii=False, indent=2).encode()
    else:  # the total saying it is a consolidation and of whom, with a sheet per body
        content = result.xlsx(params["lang"])
    (work / f"result.{params['format']}").write_bytes(content)
    (work / "sources.json").write_bytes(json.dumps(result.sources, ensure_ascii=False).encode())
    # what the statistician must know (a return replaced, one not submitted) shows beside the result
    notes = [{"path": "", "message": note} for note in result.notes]
    _finish(engine, job_id, "done", notes, f"result.{params['format']}", done=len(names) + 1, total=len(names) + 1)


def run_job(job_id: str, folder: Path) -> int:
    """Run one claimed job to its end (the subprocess's work); 0 when it finished, done or failed."""
    with Register() as register:
        engine = register.engine
        with db.reading(engine) as connection:
            row = connection.execute(select(jobs).where(jobs.c.id == job_id)).one()
        params = json.loads(row.params)
        try:
            (_bulk if row.kind == "bulk" else _consolidate)(engine, job_id, folder / job_id, params)
        except (FormgenError, InvalidData) as error:
            _finish(engine, job_id, "failed", _problems(error, params.get("lang", "en")))
        except Exception:
            log.exception("job %s failed", job_id)
            _finish(engine, job_id, "failed", [{"path": "", "message": "an internal error; it has been logged"}])
    return 0


# ---------------------------------------------------------------------- the HTTP API

def jobs_folder(request: Request) -> Path:
    return request.app.state.jobs_folder


def router() -> APIRouter:
    routes = APIRouter(prefix="/api/jobs", tags=["jobs"])

    async def start(request: Request, kind: Kind, owner: str, params: dict[str, Any],
                    inputs: list[tuple[str, bytes]]) -> JSONResponse:
        engine = register_of(request).engine
        job_id = await run_in_threadpool(enqueue, engine, jobs_folder(request), kind, owner, params, inputs)
        request.app.state.dispatcher.wake.set()
        with db.reading(engine) as connection:
            row = connection.execute(select(jobs).where(jobs.c.id == job_id)).one()
        return JSONResponse(_status(row), status_code=202, headers={"Location": f"/api/jobs/{job_id}"})

    @routes.post("/bulk", status_code=202, summary="Start the quarter's blank reports for every body of a CSV "
                                                   "(result: a ZIP)", responses=_ERRORS)
    async def bulk(request: Request, who: Clerk,
                   bodies: Annotated[UploadFile, File(description="CSV: id, name (or name_kk, name_ru, name_en), "
                                                                  "address, phone, email, head, langs")],
                   year: Annotated[int, Form(ge=2016, le=2100)], quarter: Annotated[int, Form(ge=1, le=4)],
                   forms: Annotated[str, Form(max_length=200, description="report forms, comma-separated")] = ",".join(REPORT_IDS),
                   langs: Annotated[str, Form(max_length=20, description="languages, comma-separated")] = ",".join(LANGS),
                   formats: Annotated[str, Form(max_length=40, description="docx, pdf, xlsx, comma-separated")] = "docx,pdf,xlsx",
                   ) -> JSONResponse:
        from ..api import FORMATS

        params = {"year": year, "quarter": quarter, "forms": _listed(forms, REPORT_IDS, "forms"),
                  "langs": _listed(langs, LANGS, "langs"), "formats": _listed(formats, tuple(FORMATS), "formats")}
        content = await bodies.read()
        if content.count(b"\n") > MAX_BODIES + 1:
            raise ProblemError("bad-request", 400, f"at most {MAX_BODIES} bodies a job; split the CSV")
        return await start(request, "bulk", who.owner, params, [("bodies.csv", content)])

    @routes.post("/consolidate", status_code=202, summary="Start adding up filled returns of one report form "
                                                          "(result: XLSX or JSON)", responses=_ERRORS)
    async def consolidate(request: Request, who: Clerk,
                          reports: Annotated[list[UploadFile], File(description="the returns: JSON, XLSX written by "
                                                                                "formgen, or PDFs the register issued")],
                          form_id: Annotated[Literal[REPORT_IDS], Form()],  # type: ignore[valid-type]
                          format: Annotated[Literal["xlsx", "json"], Form()] = "xlsx",
                          lang: Annotated[Lang, Form(description="the language of the XLSX")] = "kk",
                          latest: Annotated[bool, Form(description="one body's two returns: the one given later "
                                                                   "in the upload wins (else both are refused)")] = False,
                          ) -> JSONResponse:
        if not reports or len(reports) > MAX_REPORTS:
            raise ProblemError("bad-request", 400, f"give 1 to {MAX_REPORTS} returns")
        inputs, files = [], []
        for n, upload in enumerate(reports, 1):
            name = Path(upload.filename or f"report-{n}").name[:200]
            suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".json", ".xlsx", ".pdf") else ".json"
            inputs.append((f"{n:04d}{suffix}", await upload.read()))
            files.append((f"{n:04d}{suffix}", name))
        params = {"form_id": form_id, "format": format, "lang": lang, "latest": latest, "files": files}
        return await start(request, "consolidate", who.owner, params, inputs)

    @routes.get("", summary="Your jobs, the newest first", responses=_ERRORS)
    def list_jobs(request: Request, who: Reader) -> list[dict[str, Any]]:
        with db.reading(register_of(request).engine) as connection:
            return [_status(row) for row in connection.execute(select(jobs).where(jobs.c.owner == who.owner)
                                                               .order_by(jobs.c.created_at.desc()).limit(100))]

    def own(request: Request, job_id: str, owner: str):
        with db.reading(register_of(request).engine) as connection:
            row = connection.execute(select(jobs).where(jobs.c.id == job_id, jobs.c.owner == owner)).first()
        if row is None:
            raise ProblemError("no-job", 404, f"you have no job {job_id}")
        return row

    @routes.get("/{job_id}", summary="How far a job got: status, files done of total, problems", responses=_ERRORS)
    def show(request: Request, job_id: JobId, who: Reader) -> dict[str, Any]:
        return _status(own(request, job_id, who.owner))

    @routes.get("/{job_id}/result", summary="A finished job's result: ZIP (bulk), XLSX or JSON (consolidation)",
                response_class=FileResponse, responses={**_ERRORS, 200: {"description": "the result", "content": {
                    media: {"schema": {"type": "string", "format": "binary"}} for media in RESULT_MEDIA.values()}}})
    def result(request: Request, job_id: JobId, who: Reader) -> FileResponse:
        row = own(request, job_id, who.owner)
        if row.status != "done" or not row.result:
            raise ProblemError("job-not-done", 409, f"the job is {row.status}" + (
                ": see its problems" if row.status == "failed" else "; ask again when it is done"))
        suffix = row.result.rsplit(".", 1)[-1]
        return FileResponse(jobs_folder(request) / job_id / row.result, media_type=RESULT_MEDIA[suffix],
                            filename=f"{row.kind}-{job_id[:8]}.{suffix}")

    return routes


if __name__ == "__main__":
    sys.exit(run_job(sys.argv[1], Path(sys.argv[2])))
