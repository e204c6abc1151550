"""Renders the email on a worker thread so typing never waits for the preview.

Requests carry a generation number; the worker skips any request that a newer
one has overtaken, and the preview ignores results older than what it shows.
The worker also cuts the page into its blocks (by id) and the frame around
them, so the preview can swap in only the blocks that changed.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote

from PySide6.QtCore import QObject, QThread, Signal, Slot

from composer.model import ComposerError, ImageBlock, Issue

# What the preview shows may differ from the saved issue: the library feature
# swaps linked blocks for their entries' current content. Runs on the worker thread.
_prepare_for_preview: Callable[[Issue], Issue] = lambda issue: issue

PICTURE_PATH = "/picture/"  # the preview page asks for a local picture at this path, followed by its quoted source


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

    @property
    def html(self) -> str:
        return assemble(self.frame, self.blocks)


def assemble(frame: str, blocks: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda found: blocks.get(found.group(1), ""), frame)


def render_preview(issue: Issue) -> PreviewRender:
    """The preview render of *issue*, cut into blocks (worker thread)."""
    from composer.render import render_email
    from composer.render.filters import image_src

    issue = _prepare_for_preview(issue)
    email = render_email(issue, preview=True)
    frame, blocks = split_blocks(email.html)
    pictures = set()
    for _, block in issue.all_blocks():
        if isinstance(block, ImageBlock) and block.src and not block.src.startswith(("http://", "https://")) \
                and block.id in blocks:
            # The email points at where the export will host the picture; the preview shows the file itself.
            exported = html_lib.escape(image_src(block, issue), quote=True)
            blocks[block.id] = blocks[block.id].replace(
                f'src="{exported}"', f'src="{PICTURE_PATH}{quote(block.src, safe="")}"')
            pictures.add(block.src)
    return PreviewRender(email=email, frame=frame, blocks=blocks, pictures=frozenset(pictures))


_BLOCK_MARK = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?\sdata-block-id="([0-9a-zA-Z_-]+)"[^<>]*>')
_PLACEHOLDER = re.compile(r"<!--nc-block:([0-9a-zA-Z_-]+)-->")
_VOID = {"img", "br", "hr", "input", "meta", "link", "area", "col", "source", "wbr"}


def split_blocks(page: str) -> tuple[str, dict[str, str]]:
    """(frame, blocks): each element carrying data-block-id cut out and replaced by a placeholder."""
    blocks: dict[str, str] = {}
    parts: list[str] = []
    position = 0
    for found in _BLOCK_MARK.finditer(page):
        start = found.start()
        if start < position:
            continue  # a mark inside a block already taken (never expected)
        tag = found.group(1).lower()
        end = found.end() if tag in _VOID else _element_end(page, tag, found.end())
        if end < 0:
            continue
        parts.append(page[position:start])
        parts.append(f"<!--nc-block:{found.group(2)}-->")
        blocks[found.group(2)] = page[start:end]
        position = end
    parts.append(page[position:])
    return "".join(parts), blocks


def _element_end(page: str, tag: str, after: int) -> int:
    """Where the element opened just before *after* ends (past its closing tag), or -1."""
    pattern = _TAG_PATTERNS.get(tag)
    if pattern is None:
        pattern = _TAG_PATTERNS[tag] = re.compile(rf"<!--.*?-->|<(/?){tag}\b[^>]*>", re.I | re.S)
    depth = 1
    for found in pattern.finditer(page, after):
        if found.group(0).startswith("<!--"):
            continue
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return -1


_TAG_PATTERNS: dict[str, re.Pattern] = {}


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
        self._thread.start()

    def request(self, issue: Issue) -> int:
        self._generation += 1
        self._worker.latest = self._generation
        self._request.emit(self._generation, issue)
        return self._generation

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)
