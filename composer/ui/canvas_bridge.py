"""The app's end of the QWebChannel a preview page talks through, one per view.

The page calls these slots (``canvas`` in the page's channel); the app answers
with ``patch`` (changed blocks, by id). Nothing the page sends is trusted: a
field path must be a declared prose field, and words arrive as HTML that goes
through the same converter and allow-list as clean paste, or as plain text.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal, Slot

from composer.model import BLOCK_TITLES, BLOCK_TYPES
from composer.model.values import completed_address, url_problem

from .icons import icon_for

_SPACES = re.compile(r"[\s\u00a0]+")


class CanvasBridge(QObject):
    """Signals named after what the coordinator did in the page; the preview panel acts on them."""

    patch = Signal(str)                     # → page: {"number": n, "blocks": {id: html}}
    scaleChanged = Signal(float)            # → page: how much to enlarge its toolbar on a zoomed-out page

    typed_in = Signal(object, str, str, str)    # view, block id, field path, HTML or text
    focus_moved = Signal(object, str)            # view, block id ("" when no field has focus)
    block_chosen = Signal(str)                   # block id clicked or focused in the page
    block_action = Signal(str, str)              # block id, up/down/duplicate/delete/library
    block_added = Signal(str, str)               # after this block id, block type
    block_moved = Signal(str, str, str)          # block id, next to this block id, "before"/"after"
    heading_level = Signal(str, int)             # block id, level
    undo_requested = Signal()
    redo_requested = Signal()
    link_opened = Signal(str)
    page_ready = Signal(object, str)             # view, page path
    patch_applied = Signal(object, int)          # view, patch number
    typing_sent = Signal(object)                 # view: everything typed there so far has come in

    def __init__(self, view):
        super().__init__(view)
        self._view = view
        _load_paste_cleaner_in_background()

    @Slot(str)
    def ready(self, path: str) -> None:
        self.page_ready.emit(self._view, path)

    @Slot(str, str, str)
    def typed(self, block_id: str, path: str, content: str) -> None:
        self.typed_in.emit(self._view, block_id, path, content)

    @Slot()
    def flushed(self) -> None:
        """The page has sent all it had typed: its messages come in order, so every one is in."""
        self.typing_sent.emit(self._view)

    @Slot(str)
    def focused(self, block_id: str) -> None:
        self.focus_moved.emit(self._view, block_id)

    @Slot(str)
    def select(self, block_id: str) -> None:
        self.block_chosen.emit(block_id)

    @Slot(str, str)
    def act(self, block_id: str, action: str) -> None:
        if action in ("up", "down", "duplicate", "delete", "library"):
            self.block_action.emit(block_id, action)

    @Slot(str, str)
    def add(self, after_block_id: str, type_name: str) -> None:
        if type_name in BLOCK_TYPES:
            self.block_added.emit(after_block_id, type_name)

    @Slot(str, str, str)
    def move(self, block_id: str, target_id: str, where: str) -> None:
        if where in ("before", "after") and block_id != target_id:
            self.block_moved.emit(block_id, target_id, where)

    @Slot(str, int)
    def level(self, block_id: str, level: int) -> None:
        self.heading_level.emit(block_id, level)

    @Slot()
    def undo(self) -> None:
        self.undo_requested.emit()

    @Slot()
    def redo(self) -> None:
        self.redo_requested.emit()

    @Slot(str)
    def openLink(self, url: str) -> None:  # noqa: N802 (the page's name)
        if url.split(":", 1)[0].lower() in ("http", "https", "mailto", "tel"):
            self.link_opened.emit(url)

    @Slot(str, result=str)
    def checkLink(self, typed: str) -> str:  # noqa: N802
        """The address typed in the toolbar made whole (as the forms do), and why it cannot be a link
        ("" when it can) in the model's words: JSON {"address", "problem"}."""
        address = completed_address(typed)
        return json.dumps({"address": address, "problem": url_problem(address) or ""})

    @Slot(str, result=str)
    def cleanPaste(self, html: str) -> str:  # noqa: N802
        """What a paste into rich words keeps, as the email shows it: clean paste's Markdown, rendered."""
        from composer.render.markdown import markdown_to_html

        return str(markdown_to_html(field_value(html, rich=True)))

    @Slot(result=float)
    def uiScale(self) -> float:  # noqa: N802
        return 1 / self._view.zoomFactor()

    @Slot(int)
    def patched(self, number: int) -> None:
        self.patch_applied.emit(self._view, number)

    @Slot(result=str)
    def palette(self) -> str:
        """The block types the "+" offers: the same list, names and icons as Insert → Add block."""
        return palette_json()


def field_value(content: str, rich: bool) -> str:
    """What the page sent for a field → the value stored: Markdown through clean paste, or one line of text."""
    if rich:
        from composer.importers.paste import clean_pasted_html

        return clean_pasted_html(content)
    return _SPACES.sub(" ", content).strip(" ") if "\n" in content or "\u00a0" in content else content


@lru_cache(maxsize=1)
def _load_paste_cleaner_in_background() -> None:
    """Import clean paste off the GUI thread before the first key typed in the page needs it: loading it
    there froze the page for a fifth of a second on the first keystroke (benchmarks/typing.py)."""
    threading.Thread(target=lambda: importlib.import_module("composer.importers.paste"),
                     name="load-paste-cleaner", daemon=True).start()


@lru_cache(maxsize=1)
def palette_json() -> str:
    return json.dumps([
        {"type": type_name, "title": BLOCK_TITLES.get(type_name, type_name.title()), "icon": _icon_data_url(type_name)}
        for type_name in BLOCK_TYPES
    ])


def _icon_data_url(kind: str) -> str:
    pixmap = icon_for(kind).pixmap(40, 40)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    return "data:image/png;base64," + bytes(data.toBase64()).decode()
