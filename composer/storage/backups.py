"""Keep the previous version of an issue as ``<name>.newsletter.bak`` when saving over it.

A coordinator who saves over a good issue by mistake can get yesterday's
version back from the .bak beside it. The backup is written atomically
before the issue is replaced, so a failure at any point leaves the issue file
as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from composer.model import Issue

from .atomic import atomic_write_bytes, remove_leftover_temps
from .disk_version import ChangedOnDisk, content_hash
from .issue_file import IssueFileError, dumps_issue, save_error, save_issue

BACKUP_SUFFIX = ".bak"


@dataclass(frozen=True)
class Saved:
    """What a save left on disk: the hash of the issue file now, and the .bak written, if any."""

    version: str
    backup: Path | None


def save_with_backup(issue: Issue, path: str | os.PathLike, keep_backup: bool = True,
                     expected_version: str | None = None) -> Saved:
    """Save *issue* to *path*, first copying the file it replaces to its .bak.

    With *expected_version* (the hash of what this window read or last wrote),
    raises ChangedOnDisk instead of writing when the file now holds something
    else — another copy of the app saved it. No .bak is written when turned off,
    for a new file, or when the file already holds exactly this issue (then the
    older .bak is worth more than a duplicate). Raises IssueSaveError.
    """
    path = Path(path)
    previous = _previous_bytes(path)
    if expected_version is not None and previous is not None and content_hash(previous) != expected_version:
        raise ChangedOnDisk(path, previous)
    backup = None
    if keep_backup and previous is not None and previous != dumps_issue(issue).encode("utf-8"):
        backup = backup_path(path)
        try:
            atomic_write_bytes(backup, previous)
        except OSError as error:
            raise save_error(path, error) from error
    written = save_issue(issue, path)
    remove_leftover_temps(path)
    if backup is not None:
        remove_leftover_temps(backup)
    return Saved(content_hash(written), backup)


def backup_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def _previous_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise IssueFileError(path, "could not be saved: a folder has that name") from None
    except OSError as error:
        raise save_error(path, error) from error
