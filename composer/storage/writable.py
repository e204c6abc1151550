"""Whether an issue file can be saved where it is, asked when it is opened rather than at Save."""

from __future__ import annotations

import os
from pathlib import Path


def why_not_writable(path: str | os.PathLike) -> str | None:
    """A reason in the coordinator's words when *path* cannot be saved in place, else None.

    A save writes a new file beside the issue and renames it over the old one,
    so the folder must be writable as well as the file.
    """
    path = Path(path)
    folder = path.parent
    if _read_only_drive(folder):
        return "the drive it is on is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return "its folder is read-only, or you do not have permission to save there"
    return None


def _read_only_drive(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
