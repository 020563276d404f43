"""One call in a child process under a time and a memory limit: the hard bound on a render.

The limits on case data (data/limits.yaml) bound what a valid document can
cost, but only a process can be stopped soundly at any moment.  In one
process, a render can be neither interrupted (CPython cannot stop a thread;
SIGALRM reaches only the main thread, and an exception raised inside
WeasyPrint's layout can leave the shared fonts, styles and compiled templates
half made) nor held to a memory budget (the address-space limit is the whole
process's, and tracemalloc does not see what cairo, pango and harfbuzz
allocate).  So the call runs in a child, which the kernel holds to the memory
limit (RLIMIT_AS above what the child starts with) and the parent kills when
the time is up; RLIMIT_CPU stops a child whose parent died first.

Children come from multiprocessing's fork server, started on the first call
with the modules to preload (which make what a call would make on first use):
a fork of a single-threaded process, safe whatever threads the caller runs,
with nothing to import or load per call.  As with every fork server, the
caller's main module is imported by it once, so it must guard its work with
``if __name__ == "__main__":``.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..errors import FormgenError, RenderLimitExceeded

_MIB = 1 << 20


def _context(preload: tuple[str, ...]):
    """The fork server's context; preload counts when the server starts, on the first call."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *preload])
    return context


def _address_space(field: str = "VmSize") -> int:
    """The bytes of address space this process maps now (VmSize), or did at most (VmPeak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))
    return kib * 1024


def _child(send: Connection, function: Callable[..., Any], args: tuple, kwargs: dict[str, Any],
           seconds: float, memory_mib: int) -> None:
    memory = _address_space() + memory_mib * _MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        outcome = ("value", function(*args, **kwargs))
    except FormgenError as error:
        outcome = ("error", error)
    except BaseException as error:  # reported to the caller as raised, whatever it is ...
        # ... unless memory ran out: a refused allocation surfaces as MemoryError, or as any error of
        # the C library it happened in; the peak then lies within a quarter of the budget of the limit
        if isinstance(error, MemoryError) or _address_space("VmPeak") > memory - memory_mib * _MIB // 4:
            error = RenderLimitExceeded(f"the render needed more than {memory_mib:,} MiB (the limit) and was "
                                        f"stopped ({type(error).__name__})")
        outcome = ("error", error)
    try:
        send.send(outcome)
    except Exception as error:  # an exception that cannot be pickled: its text at least
        send.send(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({error})")))


def call_limited(function: Callable[..., Any], *args: Any, seconds: float, memory_mib: int,
                 preload: tuple[str, ...] = (), **kwargs: Any) -> Any:
    """function(*args, **kwargs) in a child process, which is killed after seconds, and whose memory is
    held to memory_mib more than it starts with; RenderLimitExceeded when either limit is reached.

    function and its arguments and result cross the process boundary pickled;
    an exception it raises is raised here.  preload: modules the fork server
    imports when it starts.
    """
    context = _context(preload)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, function, args, kwargs, seconds, memory_mib), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise RenderLimitExceeded(f"the render took longer than {seconds:g} s (the limit) and was stopped")
        try:
            kind, value = receive.recv()
        except EOFError:
            child.join()
            raise RenderLimitExceeded(
                f"the render stopped without a result (exit status {child.exitcode}): it needed more than "
                f"{memory_mib:,} MiB (the limit), or crashed") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise value
    return value
