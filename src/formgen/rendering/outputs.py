"""Writing results: all or nothing, and only where a file belongs.

A document is written to a temporary file and renamed over its target, so a
failed or killed run leaves no partial file.  The target must be a regular
file or a new name: a FIFO, a device (as root, `-o /dev/null` would replace the
system's /dev/null) or a directory is refused, a symbolic link is followed to
the file it names.  A new file gets the permissions the umask gives, as any
program's; a file written over keeps its own.  Every failure is a FormgenError
naming the path and the reason.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from ..errors import FormgenError

TEMP_PREFIX = ".formgen-"
TEMP_SUFFIX = ".tmp"
"""Temporary files are named .formgen-XXXXXXXX.tmp: no name a user would choose."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def output_dir(path: Path, mkdir: bool = False) -> Path:
    """path as a directory to write into: made (with its parents) only when mkdir is set, refused
    when it, or what should hold it, is a file."""
    if path.is_dir():
        return path
    if path.exists() or path.is_symlink():
        raise FormgenError(f"{path}: is not a directory")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise FormgenError(f"{path}: {parent} is a file, not a directory")
    if not mkdir:
        raise FormgenError(f"{path}: no such directory (give --mkdir to create it)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FormgenError(f"{path}: cannot create the directory: {_reason(error)}") from None
    return path


def _check_name(path: Path) -> None:
    try:
        name_max = os.pathconf(path.parent if path.parent.is_dir() else ".", "PC_NAME_MAX")
    except OSError:
        name_max = 255
    size = len(os.fsencode(path.name))
    if size > name_max:
        raise FormgenError(f"{path}: the file name is {size} bytes; the file system allows {name_max}")


def writable_target(path: Path) -> Path:
    """The file to write for path: path itself, or the regular file a symbolic link names.

    Refuses a directory, a FIFO, a device or a socket, and a name too long for its file system.
    """
    _check_name(path)
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise FormgenError(f"{path}: cannot write: {_reason(error)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise FormgenError(f"{path}: is a directory; name a file to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise FormgenError(f"{path}: is not a regular file (a FIFO, a device or a socket); formgen writes only "
                           "regular files (use -o - for standard output)")
    return target


def write_atomic(path: Path, content: bytes, *, temp_dir: Path | None = None, sync: bool = True) -> None:
    """Write content to path through a temporary file and a rename.

    temp_dir: where the temporary file goes (the same file system as path);
    by default path's own folder.  sync: flush to disk before the rename.
    """
    target = writable_target(path)
    folder = target.parent
    if not folder.is_dir():
        raise FormgenError(f"{path}: no such directory: {folder}" if not folder.exists()
                           else f"{path}: {folder} is not a directory")
    try:
        existing = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing = None
    try:
        fd, tmp = tempfile.mkstemp(dir=temp_dir or folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    except OSError as error:
        raise FormgenError(f"{path}: cannot write in {folder}: {_reason(error)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), existing if existing is not None else 0o666 & ~_umask())
            f.write(content)
            f.flush()
            if sync:
                os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise FormgenError(f"{path}: the disk is full") from None
        raise FormgenError(f"{path}: cannot write: {_reason(error)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(target: str, content: bytes, mkdir: bool = False) -> None:
    """Write to a path (its folder made first only with mkdir), or to standard output for "-"."""
    if target == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    output_dir(path.parent if str(path.parent) else Path("."), mkdir)
    write_atomic(path, content)
