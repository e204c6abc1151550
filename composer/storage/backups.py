"""Keep the previous version of an issue as ``<name>.newsletter.bak`` when saving over it.

A coordinator who saves over a good issue by mistake can get yesterday's
version back from the .bak beside it. The backup is written atomically
before the issue is replaced, so a failure at any point leaves the issue file
as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from composer.model import Issue

from .atomic import atomic_write_bytes
from .issue_file import IssueFileError, dumps_issue, save_error, save_issue

BACKUP_SUFFIX = ".bak"


def save_with_backup(issue: Issue, path: str | os.PathLike, keep_backup: bool = True) -> Path | None:
    """Save *issue* to *path*, first copying the file it replaces to its .bak.

    Returns the backup's path, or None when none was written (turned off, a
    new file, or the file on disk already holds exactly this issue — then the
    older .bak is worth more than a duplicate). Raises IssueSaveError.
    """
    path = Path(path)
    backup = None
    if keep_backup:
        previous = _previous_bytes(path)
        if previous is not None and previous != dumps_issue(issue).encode("utf-8"):
            backup = backup_path(path)
            try:
                atomic_write_bytes(backup, previous)
            except OSError as error:
                raise save_error(path, error) from error
    save_issue(issue, path)
    return backup


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
