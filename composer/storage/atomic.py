"""Atomic, durable file writes: a crash mid-save leaves the old file, never half a new one.

"Durable" means the data and the folder entry naming it are on the disk, not only
in the system's cache, before the caller says "Saved": a power cut right after
still finds the new file.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# A temporary file this old beside an issue was left by a save that was interrupted (a crash, kill -9).
LEFTOVER_TEMP_SECONDS = 120.0


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write *data* to a temporary file beside *path*, flush it to disk, replace *path*, flush the folder."""
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            flush_to_disk(temp.fileno())
        os.chmod(temp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(path.parent)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def flush_to_disk(fd: int) -> None:
    """fsync, or on macOS F_FULLFSYNC (its fsync leaves data in the drive's own cache)."""
    try:
        import fcntl
        full_sync = getattr(fcntl, "F_FULLFSYNC", None)
    except ImportError:  # Windows
        full_sync = None
    if full_sync is not None:
        try:
            fcntl.fcntl(fd, full_sync)
            return
        except OSError:
            pass  # some file systems refuse it: plain fsync below
    os.fsync(fd)


def remove_leftover_temps(path: str | os.PathLike, older_than: float = LEFTOVER_TEMP_SECONDS) -> list[Path]:
    """Delete the hidden ``.<name>.*.tmp`` files that interrupted saves of *path* left beside it.

    Only files older than *older_than* seconds go, so a save under way in another
    copy of the app is never disturbed. Returns what was removed.
    """
    path = Path(path)
    pattern = re.compile(r"\." + re.escape(path.name) + r"\.[^/\\]+\.tmp")
    removed = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        if not pattern.fullmatch(name):
            continue
        leftover = path.parent / name
        try:
            if now - leftover.stat().st_mtime < older_than:
                continue
            leftover.unlink()
            removed.append(leftover)
        except OSError as error:
            log.info("could not remove leftover %s: %s", leftover, error)
    if removed:
        log.info("removed %d file(s) left by interrupted saves of %s", len(removed), path.name)
    return removed


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is already written through
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
