"""Which issue files link a library entry, so its editor can say where a change will show."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .issue_file import IssueFileError, read_issue_bytes


def files_linking(entry_id: str, paths: list[str | os.PathLike]) -> list[Path]:
    """The files among *paths* (e.g. the recent issues) with a block linked to *entry_id*.

    Reads each file's text rather than loading it: the saved form of a link is
    exact (``"library_entry": "<id>"``) and a match inside typed text would be
    escaped, so this is both quick and safe. Missing, huge or unreadable files are skipped.
    """
    needle = f'"library_entry": {json.dumps(entry_id, ensure_ascii=False)}'.encode("utf-8")
    found = []
    for path in paths:
        try:
            if needle in read_issue_bytes(path):
                found.append(Path(path))
        except IssueFileError:
            continue
    return found
