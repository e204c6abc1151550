"""Renders the email on a worker thread so typing never waits for the preview.

Requests carry a generation number; the worker skips any request that a newer
one has overtaken, and the preview ignores results older than what it shows.
The worker also cuts the page into its blocks (by id) and the frame around
them, so the preview can swap in only the blocks that changed. The first render
waits until the preview has been painted once: on two cores, rendering while the
window is being built only delays the window.
"""

from __future__ import annotations

import html as html_lib
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from composer.model import ComposerError, Issue
from composer.model.hosting import hosted_address, is_local
from composer.model.roles import pictures as picture_parts

# What the preview shows may differ from the saved issue: the library feature
# swaps linked blocks for their entries' current content. Runs on the worker thread.
_prepare_for_preview: Callable[[Issue], Issue] = lambda issue: issue

PICTURE_PATH = "/picture/"
# While a long issue renders on the worker, the GUI thread waits for the interpreter lock at each
# switch; half a millisecond instead of Python's 5 ms keeps typing smooth (benchmarks/typing.py).
GIL_SWITCH_SECONDS = 0.0005  # the preview page asks for a local picture at this path, followed by its quoted source


def set_preview_preparer(prepare: Callable[[Issue], Issue] | None) -> None:
    """Have every preview render ``prepare(issue)``; None shows the issue as it is."""
    global _prepare_for_preview
    _prepare_for_preview = prepare or (lambda issue: issue)


@dataclass(frozen=True)
class PreviewRender:
    """One render of the preview: the email, and its page cut into a frame and blocks by id."""

    email: object                         # RenderedEmail
    frame: str                            # the page with each block replaced by a placeholder
    blocks: dict[str, str]                # block id → the block's element, as HTML
    pictures: frozenset[str] = field(default_factory=frozenset)  # local picture sources the page may ask for
    size: int = 0                         # bytes of the email's HTML

    @property
    def html(self) -> str:
        return assemble(self.frame, self.blocks)


def assemble(frame: str, blocks: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda found: blocks.get(found.group(1), ""), frame)


def render_preview(issue: Issue) -> PreviewRender:
    """The preview render of *issue*, cut into blocks (worker thread)."""
    from composer.render import render_email

    issue = _prepare_for_preview(issue)
    email = render_email(issue, preview=True)
    frame, blocks = split_blocks(email.html)
    pictures = set()
    for _, block in issue.all_blocks():
        for part in picture_parts(block):  # every picture a block type declares (model/roles.py)
            if not is_local(part.value) or block.id not in blocks:
                continue
            # The email points at where the export will host the picture; the preview shows the file itself.
            exported = html_lib.escape(hosted_address(part.value, issue.hosted_base_url), quote=True)
            blocks[block.id] = blocks[block.id].replace(
                f'src="{exported}"', f'src="{PICTURE_PATH}{quote(part.value, safe="")}"')
            pictures.add(part.value)
    return PreviewRender(email=email, frame=frame, blocks=blocks, pictures=frozenset(pictures),
                         size=len(email.html.encode()))


_MARK = ' data-block-id="'
_PLACEHOLDER = re.compile(r"<!--nc-block:([0-9a-zA-Z_-]+)-->")
_SAFE_ID = re.compile(r"[0-9a-zA-Z_-]+")
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_VOID = {"img", "br", "hr", "input", "meta", "link", "area", "col", "source", "wbr"}


def split_blocks(page: str) -> tuple[str, dict[str, str]]:
    """(frame, blocks): each element carrying data-block-id cut out and replaced by a placeholder.

    Plain string searches rather than a parser: this runs on every keystroke's render,
    and a block never holds another block.
    """
    blocks: dict[str, str] = {}
    parts: list[str] = []
    position = 0
    mark = page.find(_MARK)
    while mark >= 0:
        id_start = mark + len(_MARK)
        id_end = page.find('"', id_start)
        start = page.rfind("<", position, mark)
        tag = _TAG_NAME.match(page, start) if start >= 0 else None
        block_id = page[id_start:id_end]
        end = -1
        if tag is not None and _SAFE_ID.fullmatch(block_id):
            name = tag.group(1).lower()
            open_end = page.find(">", id_end)
            end = open_end + 1 if name in _VOID else _element_end(page, name, open_end + 1)
        if end < 0:
            mark = page.find(_MARK, id_end)
            continue
        parts.append(page[position:start])
        parts.append(f"<!--nc-block:{block_id}-->")
        blocks[block_id] = page[start:end]
        position = end
        mark = page.find(_MARK, end)
    parts.append(page[position:])
    return "".join(parts), blocks


def _element_end(page: str, name: str, after: int) -> int:
    """Where the element opened just before *after* ends (past its closing tag), or -1."""
    opening, closing = "<" + name, "</" + name + ">"
    depth = 1
    position = after
    while True:
        close = page.find(closing, position)
        if close < 0:
            return -1
        # Nested elements of the same name opened before this closing tag.
        probe = page.find(opening, position, close)
        while probe >= 0:
            following = page[probe + len(opening): probe + len(opening) + 1]
            if following in (" ", ">", "/", "\n", "\t"):
                depth += 1
            probe = page.find(opening, probe + len(opening), close)
        depth -= 1
        if depth == 0:
            return close + len(closing)
        position = close + len(closing)


class _Worker(QObject):
    rendered = Signal(int, object, float)  # generation, PreviewRender, seconds
    failed = Signal(int, str)

    def __init__(self):
        super().__init__()
        self.latest = 0

    @Slot(int, object)
    def render(self, generation: int, issue: Issue) -> None:
        if generation < self.latest:
            return  # overtaken by a newer edit
        started = time.perf_counter()
        try:
            result = render_preview(issue)
        except ComposerError as error:
            self.failed.emit(generation, str(error))
            return
        except Exception as error:  # a broken template must not kill the preview thread
            self.failed.emit(generation, f"The preview could not be rendered: {error}")
            return
        self.rendered.emit(generation, result, time.perf_counter() - started)


class RenderWorker(QObject):
    rendered = Signal(int, object, float)
    failed = Signal(int, str)
    _request = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("preview-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.render)
        self._worker.rendered.connect(self.rendered)
        self._worker.failed.connect(self.failed)
        self._generation = 0
        self._held: tuple[int, Issue] | None = None
        self._holding = isinstance(parent, QWidget)
        if self._holding:
            from .app import after_first_paint

            after_first_paint(parent, self._release)
        if sys.getswitchinterval() > GIL_SWITCH_SECONDS:
            sys.setswitchinterval(GIL_SWITCH_SECONDS)
        self._thread.start()
        # A preview deleted without stop() (a window never closed) must not leave its thread running
        # while the QThread is freed: Qt warns, and the process can crash as it exits.
        thread = self._thread
        self.destroyed.connect(lambda *_: _stop_thread(thread))

    def request(self, issue: Issue) -> int:
        self._generation += 1
        self._worker.latest = self._generation
        if self._holding:
            self._held = (self._generation, issue)  # only the newest is wanted
        else:
            self._request.emit(self._generation, issue)
        return self._generation

    def _release(self) -> None:
        self._holding = False
        if self._held is not None:
            self._request.emit(*self._held)
            self._held = None

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)


def _stop_thread(thread: QThread) -> None:
    """Stop a render thread whose worker has gone (at the app's exit the thread may have gone first)."""
    if isValid(thread):
        thread.quit()
        thread.wait(5000)
