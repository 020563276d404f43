"""Where a worker renders: one thread, one document at a time, off the event loop (the back ends
share their compiled templates and fonts), each wait bounded by the settings' render time.

A render still queued when its time is up never starts; one already running cannot be stopped
and is left to finish.  Work that commits something (an issue: a number is taken) is awaited
to its end once it has started, so that the client is never told "no" about a number it got.
"""

from __future__ import annotations

import asyncio
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from ..errors import LateDocument
from .problems import ProblemError

T = TypeVar("T")
_renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="formgen-render")


async def rendered(work: Callable[[], T], seconds: float, *, commits: bool = False) -> T:
    """work()'s result, run in the render thread; a render-timeout problem when it has not ended
    (or, for work that commits, not started) within seconds."""
    started = threading.Event()

    def run() -> T:
        started.set()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LateDocument)
            return work()

    future = asyncio.get_running_loop().run_in_executor(_renderer, run)
    done, _ = await asyncio.wait({future}, timeout=seconds)
    if done:
        return future.result()
    if commits and started.is_set():
        return await future
    future.cancel()
    raise ProblemError("render-timeout", 422, f"the document took longer than {seconds:g} s to render")
