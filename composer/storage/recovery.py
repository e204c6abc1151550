"""Recovery copies of unsaved issues, kept in the user's data folder.

Autosave writes here, never over the coordinator's own file. Each copy says
which process wrote it, so the next start can tell copies left by a crash
(their process is gone) from those of an instance still running, and offer
to restore only the former. A clean exit discards its own copies.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from composer.limits import ISSUE_FILE_BYTES, describe_bytes
from composer.model import ComposerError, Issue

from .atomic import atomic_write_text
from .issue_file import IssueFileError, dumps_issue, loads_issue, save_error
from .locks import pid_alive, this_host
from composer.user_folders import data_dir

log = logging.getLogger(__name__)

SUFFIX = ".recovery.json"
RECOVERY_FILE_BYTES = 2 * ISSUE_FILE_BYTES  # the issue, indented once more, in an envelope
RECOVERY_FORMAT = 1


@dataclass(frozen=True)
class Session:
    """One run of the app: its process id, computer and a random id (pids get reused)."""

    pid: int
    host: str
    id: str

    @classmethod
    def current(cls) -> "Session":
        return _CURRENT


_CURRENT = Session(pid=os.getpid(), host=this_host(), id=uuid.uuid4().hex[:12])


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery copy, as listed for the "restore your work?" dialog."""

    path: Path
    doc_key: str
    title: str
    original_path: Path | None
    saved_at: datetime
    session: Session
    # The hash of the original file when this copy's work began: a later change to the file is noticed on Save.
    disk_version: str | None = None

    @property
    def from_crash(self) -> bool:
        """Left by an app that is no longer running on this computer: offer to restore it."""
        return self.session.host == this_host() and not pid_alive(self.session.pid)


class RecoveryError(ComposerError):
    """A recovery copy could not be written (the user's own file is unaffected)."""


class RecoveryStore:
    """The recovery folder; one copy per open document per session, replaced on each autosave."""

    def __init__(self, folder: str | os.PathLike | None = None, session: Session | None = None):
        self.folder = Path(folder) if folder is not None else data_dir() / "recovery"
        self.session = session or Session.current()

    def write(self, doc_key: str, issue: Issue, original_path: str | os.PathLike | None,
              disk_version: str | None = None) -> RecoveryEntry:
        """Save *issue* as this session's recovery copy of *doc_key* (atomically)."""
        entry = RecoveryEntry(
            path=self.folder / self._file_name(doc_key),
            doc_key=doc_key,
            title=issue.title,
            original_path=Path(original_path).absolute() if original_path else None,
            saved_at=datetime.now(timezone.utc),
            session=self.session,
            disk_version=disk_version,
        )
        envelope = {
            "recovery_format": RECOVERY_FORMAT,
            "doc_key": doc_key,
            "title": issue.title,
            "original_path": str(entry.original_path) if entry.original_path else None,
            "saved_at": entry.saved_at.isoformat(),
            "session": {"pid": self.session.pid, "host": self.session.host, "id": self.session.id},
            "disk_version": disk_version,
            "issue": json.loads(dumps_issue(issue)),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(entry.path, json.dumps(envelope, ensure_ascii=False, indent=1))
        except OSError as error:
            raise RecoveryError(
                f"The recovery copy of “{issue.title}” could not be written: {save_error(entry.path, error).problem}"
            ) from error
        return entry

    def list(self) -> list[RecoveryEntry]:
        """Every readable recovery copy, newest first. Damaged copies are skipped and logged."""
        entries = []
        for path in self.folder.glob("*" + SUFFIX) if self.folder.is_dir() else ():
            entry = _read_entry(path)
            if entry is not None:
                entries.append(entry)
        return sorted(entries, key=lambda entry: entry.saved_at, reverse=True)

    def crashed(self) -> list[RecoveryEntry]:
        """The copies to offer at start-up: left by instances that are no longer running."""
        return [entry for entry in self.list() if entry.from_crash]

    def load(self, entry: RecoveryEntry) -> Issue:
        """The issue exactly as it was autosaved. Raises IssueFileError if the copy is damaged."""
        try:
            envelope = json.loads(_read_bounded(entry.path))
            issue_json = json.dumps(envelope["issue"], ensure_ascii=False)
        except FileNotFoundError:
            raise IssueFileError(entry.path, "the recovery copy has been discarded") from None
        except (OSError, ValueError, KeyError, TypeError):
            raise IssueFileError(entry.path, "the recovery copy is damaged") from None
        return loads_issue(issue_json, entry.path)

    def discard(self, entry: RecoveryEntry) -> None:
        entry.path.unlink(missing_ok=True)

    def discard_document(self, doc_key: str) -> None:
        """Drop this session's copy of one document, e.g. after it is saved or closed."""
        (self.folder / self._file_name(doc_key)).unlink(missing_ok=True)

    def discard_all_for_session(self) -> None:
        """On a clean exit: remove every copy this session wrote, leave other instances' alone."""
        for entry in self.list():
            if entry.session.id == self.session.id:
                self.discard(entry)

    def _file_name(self, doc_key: str) -> str:
        digest = hashlib.sha256(doc_key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return f"{self.session.id}-{digest}{SUFFIX}"


def _read_entry(path: Path) -> RecoveryEntry | None:
    try:
        envelope = json.loads(_read_bounded(path))
        session = envelope["session"]
        saved_at = datetime.fromisoformat(envelope["saved_at"])
        original = envelope.get("original_path")
        return RecoveryEntry(
            path=path,
            doc_key=str(envelope["doc_key"]),
            title=str(envelope.get("title", "")),
            original_path=Path(original) if original else None,
            saved_at=saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=timezone.utc),
            session=Session(pid=int(session["pid"]), host=str(session["host"]), id=str(session["id"])),
            disk_version=str(envelope["disk_version"]) if envelope.get("disk_version") else None,
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
        log.warning("skipping damaged recovery copy %s: %s", path, error)
        return None


def _read_bounded(path: Path) -> bytes:
    """A recovery copy is an issue in an envelope: anything far bigger is not one of ours."""
    with open(path, "rb") as file:
        if os.fstat(file.fileno()).st_size > RECOVERY_FILE_BYTES:
            raise ValueError(f"larger than {describe_bytes(RECOVERY_FILE_BYTES)}")
        return file.read(RECOVERY_FILE_BYTES + 1)
