"""Keeps the preview's pages in step with the document: render off the GUI thread, then patch.

One render is in flight at a time; changes made meanwhile are rendered together, next.
A view loads a whole page only on first show or when the frame around the blocks
changes (theme, sections, settings); otherwise only the blocks that changed are swapped
in, by id. Words typed in a view are not patched under the caret in that view.
It keeps the pages and knows the pictures the preview's URL scheme serves.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QUrlQuery, Signal

from composer.model import Issue
from composer.model.hosting import picture_file

from . import preview_scheme
from .document import IssueDocument
from .preview_views import EmailView, Shown
from .render_worker import PreviewRender, RenderWorker

_DARK_QUERY = "@media (prefers-color-scheme: dark)"
_KEPT_PAGES = 4
_WAITING_PAGE = ("<!doctype html><html><body style='font:15px sans-serif;color:#52606d;background:#eef1f4;"
                 "margin:40px;'>Preparing the preview…</body></html>")


class PreviewSync(QObject):
    """Renders each change of the document and brings the views shown up to date."""

    rendered = Signal(object)       # PreviewRender, once the views shown have been sent it
    render_failed = Signal(str)     # why, in the render's words
    page_failed = Signal()          # a view's page did not load
    updated = Signal(float)         # seconds from the render request until every view shown shows it

    def __init__(self, document: IssueDocument, worker: RenderWorker, parent: QObject):
        super().__init__(parent)
        self.document = document
        self._worker = worker
        worker.rendered.connect(self._on_rendered)
        worker.failed.connect(self._on_failed)
        self.token = f"p{id(self):x}"
        self.views: list[EmailView] = []
        self.shown_in: list[EmailView] = []     # the views on screen, in the panel's mode
        self.dark = False
        self.awaiting: dict[EmailView, int] = {}  # views whose page has not yet confirmed a generation
        self.shown_generation = 0
        self.latest: PreviewRender | None = None
        self.latest_generation = 0
        self.render_seconds = 0.0
        self._pages: dict[int, bytes] = {}
        self._page_number = 0
        self._requested_at: dict[int, float] = {}
        self._origins: dict[int, object] = {}
        self._in_flight = 0
        self._queued: tuple[object] | None = None
        self._pending_origin = None
        self._pictures: frozenset[str] = frozenset()
        document.changed.connect(self._on_document_changed)

    # --- what the panel asks ---------------------------------------------------------------------

    def add_view(self, view: EmailView) -> None:
        self.views.append(view)
        view.loadFinished.connect(lambda ok, v=view: self._on_load_finished(v, ok))
        view.bridge.page_ready.connect(self._on_page_ready)
        view.bridge.patch_applied.connect(self._on_patch_applied)
        view.bridge.focus_moved.connect(self._on_focus_moved)

    def show_in(self, views: list[EmailView], dark: bool) -> None:
        """The views now on screen, light or dark: each catches up with the newest render."""
        self.shown_in, self.dark = views, dark
        if self.latest is None:
            return
        for view in views:
            self._update_view(view, self.latest_generation, self.latest, None)
        self._check_updated()

    def set_document(self, document: IssueDocument) -> None:
        """Follow another document; nothing of the previous issue stays on screen while it renders."""
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.latest = None
        self.shown_generation = self.latest_generation = self._worker._generation
        self.awaiting.clear()
        self._requested_at.clear()
        self._origins.clear()
        self._in_flight = 0
        self._queued = None
        for view in self.views:
            self._load_waiting_page(view)
        self.render_now()

    def render_now(self) -> int:
        """Render the current issue at once."""
        return self._request(None)

    @contextmanager
    def typed_in(self, view: EmailView, block_id: str):
        """The document changes made inside come from typing in *view*'s block: not patched there."""
        self._pending_origin = (view, block_id)
        try:
            yield
        finally:
            self._pending_origin = None

    @property
    def pending_loads(self) -> int:
        return len(self.awaiting)

    # What the scheme handler serves.
    def page_bytes(self, number: int) -> bytes | None:
        return self._pages.get(number)

    def picture_path(self, source: str) -> Path | None:
        """Only the pictures the issue uses: relative to the issue's folder, absolute, or shipped with the app."""
        if source not in self._pictures:
            return None
        return picture_file(source, self.document.path.parent if self.document.path else Path.cwd())

    # --- rendering -------------------------------------------------------------------------------

    def _on_document_changed(self, _issue: Issue) -> None:
        origin, self._pending_origin = self._pending_origin, None
        self._request(origin)

    def _request(self, origin) -> int:
        """One render in flight at a time; changes meanwhile are rendered together, next."""
        if self._in_flight:
            self._queued = (origin if self._queued is None else _merge_origins(self._queued[0], origin),)
            return self._worker._generation + 1
        generation = self._worker.request(self.document.issue)
        self._in_flight = generation
        self._origins[generation] = origin
        self._requested_at[generation] = time.perf_counter()
        return generation

    def _on_rendered(self, generation: int, render: PreviewRender, seconds: float) -> None:
        origin = self._origins.pop(generation, None)
        self._finish_request(generation)
        if generation <= self.shown_generation:
            return  # overtaken, or rendered for the issue open before
        self.shown_generation = generation
        self.latest, self.latest_generation = render, generation
        self._pictures = render.pictures
        self.render_seconds = seconds
        for view in self.shown_in:
            self._update_view(view, generation, render, origin)
        self.rendered.emit(render)
        self._check_updated()

    def _on_failed(self, generation: int, message: str) -> None:
        self._origins.pop(generation, None)
        self._finish_request(generation)
        self.render_failed.emit(message)

    def _finish_request(self, generation: int) -> None:
        if generation == self._in_flight:
            self._in_flight = 0
            if self._queued is not None:
                (origin,), self._queued = self._queued, None
                self._request(origin)

    # --- bringing each view up to date -----------------------------------------------------------

    def _update_view(self, view: EmailView, generation: int, render: PreviewRender, origin) -> None:
        if view.loading is not None or (view.shown is not None and not view.ready):
            view.wanted = (generation, render, origin)  # taken up when the page is ready
            return
        shown = view.shown
        message: dict = {"number": generation}
        if shown is None or shown.dark != self.dark:
            self._load(view, generation, render)
            return
        if shown.frame != render.frame:
            # Blocks added, removed or moved among their neighbours: rearranged in place.
            # Anything else around them (theme, sections, settings) loads the page again.
            layout = rearrangement(shown.frame, render.frame)
            if layout is None:
                self._load(view, generation, render)
                return
            message["before"], message["after"] = layout
            shown.frame = render.frame
            shown.blocks = {block_id: shown.blocks.get(block_id, "") for block_id in render.blocks}
        changed = {block_id: html for block_id, html in render.blocks.items() if shown.blocks.get(block_id) != html}
        if origin is not None and origin[0] is view and origin[1] == view.focused_block:
            # The words were typed here: never swap the block under the caret.
            if changed.pop(origin[1], None) is not None:
                shown.blocks[origin[1]] = None
        if not changed and "after" not in message:
            return
        shown.blocks.update(changed)
        message["blocks"] = changed
        self.awaiting[view] = generation
        view.bridge.patch.emit(json.dumps(message))

    def _load(self, view: EmailView, generation: int, render: PreviewRender) -> None:
        html = render.html
        if self.dark:
            html = html.replace(_DARK_QUERY, "@media all")
        number = self._keep_page(html)
        view.loading = (number, Shown(render.frame, self.dark, dict(render.blocks)))
        view.ready = False
        view.wanted = None
        self.awaiting[view] = generation
        position = view.page().scrollPosition()
        url = preview_scheme.page_url(self.token, number)
        query = QUrlQuery()
        query.addQueryItem("x", str(int(position.x())))
        query.addQueryItem("y", str(int(position.y())))
        url.setQuery(query)
        view.load(url)

    def _keep_page(self, html: str) -> int:
        """Serve *html* as the next page; only the last few pages are kept."""
        self._page_number += 1
        number = self._page_number
        self._pages[number] = html.encode()
        for old in [n for n in self._pages if n <= number - _KEPT_PAGES]:
            del self._pages[old]
        return number

    def _load_waiting_page(self, view: EmailView) -> None:
        number = self._keep_page(_WAITING_PAGE)
        view.shown = None
        view.loading = None
        view.wanted = None
        view.ready = False
        view.load(preview_scheme.page_url(self.token, number))

    def _on_page_ready(self, view: EmailView, path: str) -> None:
        if view.loading is not None and path == f"/page/{view.loading[0]}":
            view.shown = view.loading[1]
            view.loading = None
        if view.shown is None:
            return
        view.ready = True
        self.awaiting.pop(view, None)
        if view.wanted is not None:
            generation, render, origin = view.wanted
            view.wanted = None
            self._update_view(view, generation, render, origin)
        self._check_updated()

    def _on_load_finished(self, view: EmailView, ok: bool) -> None:
        if ok or view.loading is None:
            return
        view.loading = None
        self.awaiting.pop(view, None)
        self.page_failed.emit()

    def _on_patch_applied(self, view: EmailView, number: int) -> None:
        if self.awaiting.get(view) == number:
            self.awaiting.pop(view, None)
            self._check_updated()

    def _on_focus_moved(self, view: EmailView, block_id: str) -> None:
        left, view.focused_block = view.focused_block, block_id
        if left and left != block_id and view.shown is not None and view.ready and self.latest is not None \
                and view.shown.blocks.get(left, "") is None and left in self.latest.blocks:
            # The words typed there become the email's own rendering once the caret has left.
            html = self.latest.blocks[left]
            view.shown.blocks[left] = html
            self.awaiting[view] = self.latest_generation
            view.bridge.patch.emit(json.dumps({"number": self.latest_generation, "blocks": {left: html}}))

    def _check_updated(self) -> None:
        if self.awaiting or self.latest is None:
            return
        if not self.shown_in or any(view.shown is None or not view.ready or view.loading for view in self.shown_in):
            return  # not on screen yet (the web engine is still starting, or a page is loading)
        started = self._requested_at.pop(self.latest_generation, None)
        for stale in [g for g in self._requested_at if g < self.latest_generation]:
            del self._requested_at[stale]
        if started is None:
            return
        self.updated.emit(time.perf_counter() - started)


_RUN_OF_BLOCKS = re.compile(r"((?:<!--nc-block:[0-9a-zA-Z_-]+-->)+)")
_BLOCK_ID = re.compile(r"<!--nc-block:([0-9a-zA-Z_-]+)-->")


def rearrangement(old_frame: str, new_frame: str) -> tuple[list[list[str]], list[list[str]]] | None:
    """The blocks of each run of neighbours before and after, when only blocks differ between two frames.

    A run is a group of blocks with nothing between them (the prose of a section). When
    everything else in the page is the same, the page can rearrange its blocks itself.
    """
    old_parts, new_parts = _RUN_OF_BLOCKS.split(old_frame), _RUN_OF_BLOCKS.split(new_frame)
    if len(old_parts) != len(new_parts) or old_parts[0::2] != new_parts[0::2]:
        return None
    return ([_BLOCK_ID.findall(run) for run in old_parts[1::2]],
            [_BLOCK_ID.findall(run) for run in new_parts[1::2]])


def _merge_origins(first, second):
    return first if first == second else None
