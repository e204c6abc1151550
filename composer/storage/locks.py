"""One writer per issue file: a small lock file beside the issue.

Opening an issue writes ``.~<name>.lock`` next to it saying who has it open.
A second instance that opens the same file learns who and since when, so it
can offer read-only or "open anyway". A lock left by a crashed app on this
computer (its process is gone) is cleared without asking.
"""

from __future__ import annotations

import ctypes
import getpass
import json
import logging
import os
import socket
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from composer.model import ComposerError

log = logging.getLogger(__name__)

# A lock file that cannot be read and is older than this was left half-written by a crash.
UNREADABLE_LOCK_GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class LockHolder:
    """Who has an issue open: enough to tell the coordinator and to spot a dead process."""

    pid: int
    host: str
    user: str
    since: datetime
    token: str = ""

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%d %b %Y at %H:%M")
        where = "this computer" if self.host == this_host() else self.host
        return f"{self.user or 'someone'} on {where} (since {when})"


class FileInUse(ComposerError):
    """The issue is open in another running copy of the app."""

    def __init__(self, path: Path, holder: LockHolder | None):
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "another copy of Newsletter Composer"
        super().__init__(
            f"{path.name} is already open by {who}. Open it read-only, or open it anyway "
            "if you are sure nobody else is editing it"
        )


class IssueLock:
    """This process's claim on one issue file; release it when the issue is closed."""

    def __init__(self, issue_path: Path, holder: LockHolder | None):
        self.issue_path = issue_path
        self.lock_path = lock_path(issue_path)
        self.holder = holder

    @property
    def held(self) -> bool:
        """False when the folder did not let us write a lock (e.g. a read-only share)."""
        return self.holder is not None

    def release(self) -> None:
        """Remove the lock, but only if it is still ours ("open anyway" elsewhere may have taken it)."""
        if self.holder is None:
            return
        current = read_lock(self.issue_path)
        if current is not None and current.token == self.holder.token:
            try:
                self.lock_path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                log.warning("could not remove lock %s: %s", self.lock_path, error)
        self.holder = None

    def __enter__(self) -> "IssueLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def acquire_lock(issue_path: str | os.PathLike, *, force: bool = False) -> IssueLock:
    """Claim *issue_path* for this process.

    Raises FileInUse when a live process holds it, unless *force* ("open
    anyway"), which takes the lock over. A stale lock is cleared silently.
    """
    issue_path = Path(issue_path).absolute()
    path = lock_path(issue_path)
    holder = _new_holder()
    for _attempt in range(3):
        if force:
            _write_lock(path, holder, exclusive=False)
            return IssueLock(issue_path, holder)
        try:
            _write_lock(path, holder, exclusive=True)
            return IssueLock(issue_path, holder)
        except FileExistsError:
            pass
        except OSError as error:
            log.warning("cannot lock %s (%s); opening without a lock", issue_path, error)
            return IssueLock(issue_path, None)
        current = read_lock(issue_path)
        if current is None and not _old_enough_to_be_debris(path):
            raise FileInUse(issue_path, None)
        if current is not None and not is_stale(current):
            raise FileInUse(issue_path, current)
        log.info("clearing stale lock %s left by %s", path, current)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
    raise FileInUse(issue_path, read_lock(issue_path))


def lock_path(issue_path: str | os.PathLike) -> Path:
    issue_path = Path(issue_path)
    return issue_path.with_name(f".~{issue_path.name}.lock")


def read_lock(issue_path: str | os.PathLike) -> LockHolder | None:
    """Who holds *issue_path*, or None when there is no lock or it cannot be read."""
    try:
        data = json.loads(lock_path(issue_path).read_text(encoding="utf-8"))
        return LockHolder(
            pid=int(data["pid"]),
            host=str(data["host"]),
            user=str(data.get("user", "")),
            since=datetime.fromisoformat(data["since"]),
            token=str(data.get("token", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(holder: LockHolder) -> bool:
    """A lock from this computer whose process has gone. Other computers' locks are trusted."""
    return holder.host == this_host() and not pid_alive(holder.pid)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def this_host() -> str:
    return socket.gethostname()


def _new_holder() -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # getuser raises varied errors when no user name is set
        user = ""
    return LockHolder(
        pid=os.getpid(), host=this_host(), user=user,
        since=datetime.now(timezone.utc), token=uuid.uuid4().hex,
    )


def _write_lock(path: Path, holder: LockHolder, *, exclusive: bool) -> None:
    data = json.dumps({
        "pid": holder.pid, "host": holder.host, "user": holder.user,
        "since": holder.since.isoformat(), "token": holder.token,
    }).encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _old_enough_to_be_debris(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > UNREADABLE_LOCK_GRACE_SECONDS
    except FileNotFoundError:
        return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
