"""One writer per issue file: a small lock file beside the issue.

Opening an issue writes ``.~<name>.lock`` next to it saying who has it open.
A second instance that opens the same file learns who and since when, so it
can offer read-only or "open anyway". A copy that opens anyway never touches
that lock: it adds one of its own (``.~<name>.<token>.lock``), so each copy
removes only the lock it wrote, and a third copy is warned as long as either
still has the file open. A lock left by a crashed app on this computer (its
process is gone) is cleared without asking.
"""

from __future__ import annotations

import ctypes
import getpass
import json
import logging
import os
import re
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
        return f"{self.who()} (since {when})"

    def who(self) -> str:
        """Short, for a title bar: "alex on this computer"."""
        where = "this computer" if self.host == this_host() else self.host
        return f"{self.user or 'someone'} on {where}"


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
    """This copy's claim on one issue file; release it when the issue is closed.

    *others* lists who else had the file open when this copy opened it anyway
    (empty for a normal, exclusive lock).
    """

    def __init__(self, issue_path: Path, holder: LockHolder | None, path: Path | None = None,
                 others: tuple[LockHolder, ...] = (), opened_anyway: bool = False):
        self.issue_path = issue_path
        self.lock_path = path or lock_path(issue_path)
        self.holder = holder
        self.others = others
        self.opened_anyway = opened_anyway

    @property
    def held(self) -> bool:
        """False when the folder did not let us write a lock (e.g. a read-only share)."""
        return self.holder is not None

    def release(self) -> None:
        """Remove the lock this copy wrote, and only that one, and only while it still says it is ours."""
        if self.holder is None:
            return
        current = _read_holder(self.lock_path)
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
    """Claim *issue_path* for this copy of the app.

    Raises FileInUse when a live copy has it open, unless *force* ("open
    anyway"): then this copy adds a lock of its own beside theirs and leaves
    theirs alone. Stale locks are cleared silently.
    """
    issue_path = Path(issue_path).absolute()
    try:
        return _acquire(issue_path)
    except FileInUse as error:
        if not force:
            raise
        others = tuple(live_holders(issue_path)) or ((error.holder,) if error.holder else ())
    holder = _new_holder()
    path = _extra_lock_path(issue_path, holder.token)
    try:
        _write_lock(path, holder, exclusive=True)
    except OSError as error:
        log.warning("cannot lock %s (%s); opening anyway without a lock", issue_path, error)
        holder = None
    return IssueLock(issue_path, holder, path, others=others, opened_anyway=True)


def live_holders(issue_path: str | os.PathLike) -> list[LockHolder]:
    """Everyone who has the file open now: the first copy's lock and any "open anyway" locks beside it."""
    issue_path = Path(issue_path).absolute()
    holders = []
    for path in (lock_path(issue_path), *_extra_lock_paths(issue_path)):
        holder = _read_holder(path)
        if holder is not None and not is_stale(holder):
            holders.append(holder)
    return holders


def lock_path(issue_path: str | os.PathLike) -> Path:
    issue_path = Path(issue_path)
    return issue_path.with_name(f".~{issue_path.name}.lock")


def read_lock(issue_path: str | os.PathLike) -> LockHolder | None:
    """Who holds *issue_path*'s main lock, or None when there is none or it cannot be read."""
    return _read_holder(lock_path(issue_path))


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


def _acquire(issue_path: Path) -> IssueLock:
    path = lock_path(issue_path)
    holder = _new_holder()
    for _attempt in range(3):
        _refuse_while_opened_anyway(issue_path)
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


def _read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            pid=int(data["pid"]),
            host=str(data["host"]),
            user=str(data.get("user", "")),
            since=datetime.fromisoformat(data["since"]),
            token=str(data.get("token", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _extra_lock_path(issue_path: Path, token: str) -> Path:
    return issue_path.with_name(f".~{issue_path.name}.{token[:12]}.lock")


def _extra_lock_paths(issue_path: Path) -> list[Path]:
    pattern = re.compile(r"\.~" + re.escape(issue_path.name) + r"\.[0-9a-f]{12}\.lock")
    try:
        return [issue_path.with_name(name) for name in os.listdir(issue_path.parent) if pattern.fullmatch(name)]
    except OSError:
        return []


def _refuse_while_opened_anyway(issue_path: Path) -> None:
    """The first copy may have closed while one that opened anyway still edits the file: it is in use.

    Stale "open anyway" locks (their app crashed) are removed on the way.
    """
    for path in _extra_lock_paths(issue_path):
        holder = _read_holder(path)
        if holder is None and _old_enough_to_be_debris(path):
            path.unlink(missing_ok=True)
        elif holder is None:
            raise FileInUse(issue_path, None)
        elif is_stale(holder):
            log.info("clearing stale lock %s left by %s", path, holder)
            path.unlink(missing_ok=True)
        else:
            raise FileInUse(issue_path, holder)


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
