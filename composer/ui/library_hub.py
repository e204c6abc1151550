"""The library folder as every window sees it: one hub per folder, watched on disk.

The folder on disk is the truth: the hub watches it, so entries saved by
another copy of the app (or another computer sharing the folder) show up at
once, and every window sharing the hub hears when an entry changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from composer.model.library import LibraryEntry
from composer.storage.library_store import UNCHECKED, LibraryStore, library_dir

_RELOAD_DELAY_MS = 150  # let a save in another window finish before reading the folder


def hub_for(folder: Path | None = None) -> LibraryHub:
    """The one hub for a library folder (the user's own by default), shared by all windows."""
    folder = Path(folder) if folder else library_dir()
    if folder not in _HUBS:
        _HUBS[folder] = LibraryHub(LibraryStore(folder))
    return _HUBS[folder]


class LibraryHub(QObject):
    """The library as the UI sees it: the store, kept in step with the folder on disk, and a signal when it changes."""

    changed = Signal()

    def __init__(self, store: LibraryStore):
        super().__init__()
        self.store = store
        self._library = store.entries()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(_RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self._reload_timer.start())
        self.watcher.fileChanged.connect(lambda _: self._reload_timer.start())
        self._watch_files()

    @property
    def library(self) -> dict[str, LibraryEntry]:
        """A snapshot never changed in place, so the preview thread can read it safely."""
        return self._library

    def version(self, entry_id: str) -> str | None:
        return self.store.version(entry_id)

    def save(self, entry: LibraryEntry, base_version: str | None | object = UNCHECKED) -> None:
        """Write *entry*; with *base_version*, raises StaleEntry if another window changed it since."""
        self.store.save(entry, base_version)
        self._library = self.store.entries()
        self.changed.emit()

    def reload(self) -> None:
        """Read the folder again; tell every window only if an entry (or a problem) really changed."""
        problems = list(self.store.problems)
        changed = self.store.reload()
        self._watch_files()
        if changed or problems != self.store.problems:
            self._library = self.store.entries()
            self.changed.emit()

    def _watch_files(self) -> None:
        folder = self.store.folder
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        files = [str(path) for path in folder.glob("*.json")] if folder.is_dir() else []
        missing = [path for path in files if path not in self.watcher.files()]
        if missing:
            self.watcher.addPaths(missing)


_HUBS: dict[Path, LibraryHub] = {}
