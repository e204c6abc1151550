"""The block library on disk: a folder of JSON files, one per entry.

One file per entry keeps the library easy to back up, share on a network
drive and merge by hand. The starter library shipped in resources/library is
listed alongside and never written: saving a starter entry writes the user's
own copy under the same id, which then takes its place. A damaged file is
skipped with a warning so one bad entry never stops the app.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pydantic import ValidationError

from composer.model import ComposerError
from composer.model.library import LibraryEntry
from composer.resources import RESOURCES_DIR

from .atomic import atomic_write_text
from composer.user_folders import data_dir

log = logging.getLogger(__name__)

STARTER_LIBRARY_DIR = RESOURCES_DIR / "library"
ENTRY_SUFFIX = ".json"


class LibrarySaveError(ComposerError):
    """A library entry that could not be written; the old file is unchanged."""


def library_dir() -> Path:
    """The user's library folder in the app's data directory (created if missing)."""
    folder = data_dir() / "library"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def dumps_entry(entry: LibraryEntry) -> str:
    return json.dumps(entry.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


class LibraryStore:
    """The entries of the user's folder and the starter folder, read once and on reload()."""

    def __init__(self, folder: Path | None = None, starter_folder: Path | None = STARTER_LIBRARY_DIR):
        self.folder = Path(folder) if folder else library_dir()
        self.starter_folder = Path(starter_folder) if starter_folder else None
        self.problems: list[str] = []
        self._entries: dict[str, LibraryEntry] = {}
        self._starter_ids: set[str] = set()
        self.reload()

    def entries(self) -> dict[str, LibraryEntry]:
        """Every entry by id; a user's entry replaces a starter entry with the same id."""
        return dict(self._entries)

    def is_starter(self, entry_id: str) -> bool:
        """True for a shipped entry the user has not changed."""
        return entry_id in self._starter_ids

    def reload(self) -> None:
        """Read both folders again (another machine may have changed the shared folder)."""
        self.problems = []
        starter = _read_folder(self.starter_folder, self.problems) if self.starter_folder else {}
        own = _read_folder(self.folder, self.problems)
        self._starter_ids = set(starter) - set(own)
        self._entries = {**starter, **own}

    def save(self, entry: LibraryEntry) -> None:
        """Write one entry atomically to the user's folder, replacing any earlier version."""
        try:
            atomic_write_text(self.folder / f"{entry.id}{ENTRY_SUFFIX}", dumps_entry(entry))
        except OSError as error:
            raise LibrarySaveError(f"The library entry {entry.name!r} could not be saved: {error.strerror or error}") from error
        self._entries[entry.id] = entry
        self._starter_ids.discard(entry.id)

    def delete(self, entry_id: str) -> None:
        """Remove the user's own entry; a shipped starter entry comes back in its place."""
        path = self.folder / f"{entry_id}{ENTRY_SUFFIX}"
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise LibrarySaveError(f"The library entry could not be removed: {error.strerror or error}") from error
        self.reload()


def _read_folder(folder: Path, problems: list[str]) -> dict[str, LibraryEntry]:
    entries: dict[str, LibraryEntry] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob(f"*{ENTRY_SUFFIX}")):
        try:
            entry = LibraryEntry.model_validate_json(path.read_bytes())
        except (OSError, ValueError, ValidationError) as error:
            problem = f"{path.name}: {_first_line(error)}"
            log.warning("skipping damaged library entry %s", problem)
            problems.append(problem)
            continue
        entries[entry.id] = entry
    return entries


def _first_line(error: Exception) -> str:
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"not a valid library entry ({where}: {first['msg']})" if where else f"not a valid library entry ({first['msg']})"
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
