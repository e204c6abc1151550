"""The block library on disk: a folder of JSON files, one per entry.

One file per entry keeps the library easy to back up, share on a network
drive and merge by hand. The starter library shipped in resources/library is
listed alongside and never written: saving a starter entry writes the user's
own copy under the same id, which then takes its place. A damaged file is
skipped with a warning so one bad entry never stops the app.

The folder on disk is the truth when two windows (or two computers sharing
the folder) edit the library: each entry's version is the hash of its file,
and saving over an entry that changed since it was read is refused with the
newer entry, so the caller can merge or ask.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from pydantic import ValidationError

from composer.limits import LIBRARY_ENTRY_BYTES, describe_bytes
from composer.model import ComposerError
from composer.model.library import LibraryEntry
from composer.resources import RESOURCES_DIR

from .atomic import atomic_write_bytes
from composer.user_folders import data_dir

log = logging.getLogger(__name__)

STARTER_LIBRARY_DIR = RESOURCES_DIR / "library"
UNCHECKED = object()  # save() without a base version writes whatever is on disk over
ENTRY_SUFFIX = ".json"


class LibrarySaveError(ComposerError):
    """A library entry that could not be written; the old file is unchanged."""


class StaleEntry(LibrarySaveError):
    """The entry was changed on disk (another window or computer) since this copy of it was read."""

    def __init__(self, name: str, theirs: LibraryEntry | None, version: str | None):
        self.theirs = theirs
        self.version = version
        super().__init__(f"The library entry “{name}” was changed in another window since you opened it"
                         if theirs is not None else f"The library entry “{name}” was removed in another window")


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
        self._versions: dict[str, str] = {}
        self._starter_ids: set[str] = set()
        self.reload()

    def entries(self) -> dict[str, LibraryEntry]:
        """Every entry by id; a user's entry replaces a starter entry with the same id."""
        return dict(self._entries)

    def is_starter(self, entry_id: str) -> bool:
        """True for a shipped entry the user has not changed."""
        return entry_id in self._starter_ids

    def version(self, entry_id: str) -> str | None:
        """The version of the user's own file for this entry as last read or written (None: a starter or new entry)."""
        return self._versions.get(entry_id)

    def reload(self) -> set[str]:
        """Read both folders again (another window or machine may have changed them); returns the ids that changed."""
        before = self._entries
        self.problems = []
        starter = _read_folder(self.starter_folder, self.problems, {}) if self.starter_folder else {}
        versions: dict[str, str] = {}
        own = _read_folder(self.folder, self.problems, versions)
        self._starter_ids = set(starter) - set(own)
        self._entries = {**starter, **own}
        self._versions = versions
        return {key for key in before.keys() | self._entries.keys() if before.get(key) != self._entries.get(key)}

    def save(self, entry: LibraryEntry, base_version: str | None | object = UNCHECKED) -> str:
        """Write one entry atomically to the user's folder; returns its new version.

        With *base_version* (the version the edit started from; None for a
        starter or new entry), raises StaleEntry when the file on disk is no
        longer that version, instead of overwriting someone else's change.
        """
        path = self.folder / f"{entry.id}{ENTRY_SUFFIX}"
        if base_version is not UNCHECKED:
            current = _file_version(path)
            if current != base_version:
                theirs = _read_entry(path, []) if current is not None else None
                raise StaleEntry(entry.name, theirs, current)
        data = dumps_entry(entry).encode("utf-8")
        try:
            atomic_write_bytes(path, data)
        except OSError as error:
            raise LibrarySaveError(f"The library entry {entry.name!r} could not be saved: {error.strerror or error}") from error
        self._entries[entry.id] = entry
        self._versions[entry.id] = _hash(data)
        self._starter_ids.discard(entry.id)
        return self._versions[entry.id]

    def delete(self, entry_id: str) -> None:
        """Remove the user's own entry; a shipped starter entry comes back in its place."""
        path = self.folder / f"{entry_id}{ENTRY_SUFFIX}"
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise LibrarySaveError(f"The library entry could not be removed: {error.strerror or error}") from error
        self.reload()


def _read_folder(folder: Path, problems: list[str], versions: dict[str, str]) -> dict[str, LibraryEntry]:
    entries: dict[str, LibraryEntry] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob(f"*{ENTRY_SUFFIX}")):
        raw = _read_entry_bytes(path, problems)
        if raw is None:
            continue
        entry = _parse_entry(path, raw, problems)
        if entry is None:
            continue
        entries[entry.id] = entry
        versions[entry.id] = _hash(raw)
    return entries


def _read_entry(path: Path, problems: list[str]) -> LibraryEntry | None:
    raw = _read_entry_bytes(path, problems)
    return _parse_entry(path, raw, problems) if raw is not None else None


def _read_entry_bytes(path: Path, problems: list[str]) -> bytes | None:
    """The file's bytes, unless it is far larger than any entry (then it is skipped unread)."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            raw = file.read(LIBRARY_ENTRY_BYTES + 1) if size <= LIBRARY_ENTRY_BYTES else b""
    except OSError as error:
        _skip(path, _first_line(error), problems)
        return None
    if size > LIBRARY_ENTRY_BYTES or len(raw) > LIBRARY_ENTRY_BYTES:
        _skip(path, f"the file is {describe_bytes(max(size, len(raw)))}, more than a library entry can be "
                    f"({describe_bytes(LIBRARY_ENTRY_BYTES)}), so it was not read", problems)
        return None
    return raw


def _parse_entry(path: Path, raw: bytes, problems: list[str]) -> LibraryEntry | None:
    try:
        return LibraryEntry.model_validate_json(raw)
    except (ValueError, ValidationError) as error:
        _skip(path, _first_line(error), problems)
        return None


def _skip(path: Path, why: str, problems: list[str]) -> None:
    problem = f"{path.name}: {why}"
    log.warning("skipping damaged library entry %s", problem)
    problems.append(problem)


def _file_version(path: Path) -> str | None:
    try:
        return _hash(path.read_bytes())
    except OSError:
        return None


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _first_line(error: Exception) -> str:
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"not a valid library entry ({where}: {first['msg']})" if where else f"not a valid library entry ({first['msg']})"
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
