"""Noticing that an issue file changed on disk since this window read or wrote it.

Two copies of the app (or a colleague on a shared drive) can have the same
file open. Each remembers a hash of the bytes it last read or wrote; before
saving, the file's current bytes are hashed again. Time stamps are not enough:
they can be equal for two different saves, or differ for the same content.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from composer.model import ComposerError

from .issue_file import IssueFileError, read_issue_bytes


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_version(path: str | os.PathLike) -> str | None:
    """The hash of the file as it is now, or None when it no longer exists."""
    try:
        return content_hash(read_issue_bytes(path))
    except IssueFileError:
        if not Path(path).exists():
            return None
        raise


class ChangedOnDisk(ComposerError):
    """The file holds something else than this window read or last saved: saving would overwrite it."""

    def __init__(self, path: Path, theirs: bytes):
        self.path = Path(path)
        self.theirs = theirs
        super().__init__(f"{self.path.name} was changed by someone else since you opened it or last saved it")
