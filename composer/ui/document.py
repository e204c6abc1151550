"""One open issue: its current state, its file, and the undo stack every edit goes through.

The UI never changes an Issue directly: it asks the document to apply an edit
(a pure function from composer.model.edits). Each edit becomes one undo step,
and keystrokes in the same field merge into one step, so undo, redo, autosave,
the outline, the editor and the preview all follow a single stream of changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from composer.model import Block, Issue, Section
from composer.model import edits

_MERGEABLE = 1


class IssueDocument(QObject):
    changed = Signal(object)        # the new Issue, after every edit, undo or redo
    path_changed = Signal(object)   # Path | None
    clean_changed = Signal(bool)

    def __init__(self, issue: Issue, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._issue = issue
        self._path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.clean_changed)

    @property
    def issue(self) -> Issue:
        return self._issue

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: Path | None) -> None:
        self._path = Path(path) if path else None
        self.path_changed.emit(self._path)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """A document made by the app (New from previous, an import) is work in no file yet."""
        self.undo_stack.resetClean()

    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled.newsletter"

    # --- the one way to change the issue -------------------------------------------------

    def apply(self, description: str, new_issue: Issue, merge_key: Any = None, /) -> None:
        """Record an edit as an undo step (merged with the last one when merge_key matches)."""
        if new_issue == self._issue:
            return
        self.undo_stack.push(_EditCommand(self, description, self._issue, new_issue, merge_key))

    def edit(self, description: str, change: Callable[..., Issue], /, *args, **kwargs) -> Issue:
        """Apply ``change(issue, *args, **kwargs)`` as one undo step; exceptions (e.g. InvalidValue) leave the issue as it was.

        The API's own parameters are positional-only, so any keyword (a field called
        ``description`` or ``change``) goes to *change* untouched.
        """
        return self.edit_merging(description, None, change, *args, **kwargs)

    def edit_merging(self, description: str, merge_key: Any, change: Callable[..., Issue], /, *args, **kwargs) -> Issue:
        """Like ``edit``, merged into the last undo step when *merge_key* matches (a burst of typing)."""
        new_issue = change(self._issue, *args, **kwargs)
        self.apply(description, new_issue, merge_key)
        return new_issue

    def update_block(self, block_id: str, /, **changes: Any) -> None:
        """Change fields of a block; typing in the same fields merges into one undo step."""
        key = ("block", block_id, tuple(sorted(changes)))
        self.edit_merging("Edit " + ", ".join(name.replace("_", " ") for name in changes), key,
                          edits.update_block, block_id, **changes)

    def update_section(self, section_id: str, /, **changes: Any) -> None:
        key = ("section", section_id, tuple(sorted(changes)))
        self.edit_merging("Edit section", key, edits.update_section, section_id, **changes)

    def update_issue(self, /, **changes: Any) -> None:
        key = ("issue", tuple(sorted(changes)))
        self.edit_merging("Edit issue settings", key, edits.update_issue, **changes)

    def insert_blocks(self, section_id: str, index: int, blocks: list[Block], description: str = "Add block") -> None:
        self.edit(description, edits.insert_blocks, section_id, index, blocks)

    def insert_section(self, index: int, section: Section, description: str = "Add section") -> None:
        self.edit(description, edits.insert_section, index, section)

    def _restore(self, issue: Issue) -> None:
        self._issue = issue
        self.changed.emit(issue)


class _EditCommand(QUndoCommand):
    def __init__(self, document: IssueDocument, text: str, before: Issue, after: Issue, merge_key: Any):
        super().__init__(text)
        self._document = document
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return _MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _EditCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._document._restore(self.after)

    def undo(self) -> None:
        self._document._restore(self.before)
