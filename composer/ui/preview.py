"""The live preview: the exact email, at desktop and phone widths, light or dark — and editable.

Every change re-renders at once off the GUI thread (one render in flight, the
newest change next). A view loads a whole page only on first show or when the
frame around the blocks changes (theme, sections, settings); otherwise only the
blocks that changed are swapped in, by id. Words typed in a view come back as
edits through the document, and that view is not patched under the caret.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QFile, QIODevice, QObject, QTimer, QUrl, QUrlQuery, Qt, Signal
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from composer.model import BLOCK_TITLES, ComposerError, Issue
from composer.model import edits
from composer.model.hosting import picture_file
from composer.model.prose import prose_at, prose_value, with_prose
from composer.resources import RESOURCES_DIR

from . import preview_scheme
from .canvas_bridge import CanvasBridge, field_value
from .document import IssueDocument
from .render_worker import PreviewRender, RenderWorker

MOBILE_WIDTH = 375
DESKTOP_CSS_WIDTH = 660   # the 640 px email and a scroll bar: narrower panes show it scaled down
DESKTOP, MOBILE, SIDE_BY_SIDE = "desktop", "mobile", "side"
_DARK_QUERY = "@media (prefers-color-scheme: dark)"
_KEPT_PAGES = 4
_WAITING_PAGE = ("<!doctype html><html><body style='font:15px sans-serif;color:#52606d;background:#eef1f4;"
                 "margin:40px;'>Preparing the preview…</body></html>")


@dataclass
class _Shown:
    """What a view's page holds: the frame and each block's HTML (None: changed there by typing)."""

    frame: str
    dark: bool
    blocks: dict[str, str | None] = field(default_factory=dict)


class PreviewPage(QWebEnginePage):
    def acceptNavigationRequest(self, url: QUrl, navigation_type, is_main_frame: bool) -> bool:
        # Only the app's own loads; links open in the browser on Ctrl+click (see canvas.js).
        return navigation_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked


class EmailView(QWebEngineView):
    """One page of the preview with its end of the web channel."""

    def __init__(self, name: str, fit_desktop: bool = False):
        super().__init__()
        self.setPage(PreviewPage(self))
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # clicked or reached with F6; its links are no Tab stops of the window
        self._fit_desktop = fit_desktop
        settings = self.page().settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.page().setBackgroundColor(QColor("#eef1f4"))
        self.bridge = CanvasBridge(self)
        self.channel = QWebChannel(self.page())
        self.channel.registerObject("canvas", self.bridge)
        self.page().setWebChannel(self.channel)
        for script in _canvas_scripts():
            self.page().scripts().insert(script)
        self._page_keys = _PageKeys(self)
        for child in self.findChildren(QWidget):
            child.installEventFilter(self._page_keys)
        self.shown: _Shown | None = None        # what the page holds once loaded
        self.loading: tuple[int, _Shown] | None = None
        self.ready = False                      # the page's channel is connected
        self.focused_block = ""                 # the block whose words have the caret
        self.wanted: tuple[int, PreviewRender, object] | None = None

    def childEvent(self, event) -> None:
        super().childEvent(event)
        if event.added() and isinstance(event.child(), QWidget):
            event.child().installEventFilter(self._page_keys)  # the page's focus proxy, made when it loads

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_desktop:
            # The real 600–640 px desktop layout, scaled to fit, never the phone layout.
            zoom = max(0.25, min(1.0, self.width() / DESKTOP_CSS_WIDTH))
            if zoom != self.zoomFactor():
                self.setZoomFactor(zoom)
                self.bridge.scaleChanged.emit(1 / zoom)


class _PageKeys(QObject):
    """Editing keys typed in the page go to the page, not to the window's menu shortcuts.

    Paste, Delete and the rest would otherwise trigger the outline's block commands;
    undo and redo reach the app's undo stack through the page, after its last keystrokes.
    """

    _KEYS = frozenset(QKeySequence(text)[0].toCombined() for text in (
        "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+X", "Ctrl+C", "Ctrl+V", "Ctrl+Shift+V", "Ctrl+A",
        "Ctrl+B", "Ctrl+I", "Ctrl+K", "Del", "Backspace", "Shift+Del", "Shift+Ins", "Ctrl+Ins",
    ))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination().toCombined() in self._KEYS:
            event.accept()
            return True
        return False


class PreviewPanel(QWidget):
    """Follows the document: every change re-renders off the GUI thread and patches the views."""

    block_clicked = Signal(str)
    block_action = Signal(str, str)     # block id, up/down/duplicate/delete/library (from the page's controls)
    block_add_requested = Signal(str, str)  # after this block id, block type (from the page's "+")
    updated = Signal(float)  # seconds from the render request until every visible view shows it

    def __init__(self, document: IssueDocument):
        super().__init__()
        self._document = document
        self._worker = RenderWorker(self)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_failed)
        self._token = f"p{id(self):x}"
        self._pages: dict[int, bytes] = {}
        self._page_number = 0
        self._shown_generation = 0
        self._requested_at: dict[int, float] = {}
        self._origins: dict[int, object] = {}
        self._in_flight = 0
        self._queued: tuple[object] | None = None
        self._pending_origin = None
        self._awaiting: dict[EmailView, int] = {}
        self._latest: PreviewRender | None = None
        self._latest_generation = 0
        self._pictures: frozenset[str] = frozenset()
        self._chosen_in_page: str | None = None
        self._burst = 0
        self._render_seconds = 0.0
        self.email = None
        self.mode = DESKTOP
        self.dark = False
        self.desktop: EmailView | None = None
        self.mobile: EmailView | None = None
        document.changed.connect(self._on_document_changed)

        self.desktop_frame = QFrame()
        self.desktop_frame.setMinimumWidth(240)
        desktop_layout = QVBoxLayout(self.desktop_frame)
        desktop_layout.setContentsMargins(0, 0, 0, 0)
        self._starting = _StartingLabel(self._start_engine)
        desktop_layout.addWidget(self._starting)
        mobile_frame = QFrame()
        mobile_frame.setObjectName("phoneFrame")
        mobile_frame.setStyleSheet("#phoneFrame{background:#d5dae0;}")
        self._phone_layout = QHBoxLayout(mobile_frame)
        self._phone_layout.setContentsMargins(12, 12, 12, 12)
        self._phone_layout.addStretch(1)
        self._phone_layout.addStretch(1)
        self.mobile_frame = mobile_frame

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Preview problem")
        self.error.setStyleSheet("background:#fef2f2;color:#991b1b;border:1px solid #fecaca;padding:6px 8px;")
        self.error.hide()

        self.plain_text = QPlainTextEdit()
        self.plain_text.setReadOnly(True)
        self.plain_text.setAccessibleName("Plain-text version")
        font = self.plain_text.font()
        font.setFamily("DejaVu Sans Mono")
        self.plain_text.setFont(font)

        self.mode_buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        for mode, label in ((DESKTOP, "Desktop"), (MOBILE, "Mobile"), (SIDE_BY_SIDE, "Side by side")):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setChecked(mode == DESKTOP)
            button.setAccessibleName(f"{label} preview")
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_buttons.addButton(button)
            button.setProperty("mode", mode)
            bar.addWidget(button)
        bar.addStretch(1)
        self.dark_toggle = QCheckBox("Dark")
        self.dark_toggle.setAccessibleName("Dark mode preview")
        self.dark_toggle.toggled.connect(self.set_dark)
        bar.addWidget(self.dark_toggle)
        self.status = QLabel()
        self.status.setStyleSheet("color:#52606d;")
        bar.addWidget(self.status)

        self.views = QSplitter(Qt.Orientation.Horizontal)
        self.views.addWidget(self.desktop_frame)
        self.views.addWidget(mobile_frame)
        self.views.setChildrenCollapsible(False)
        self.views.setStretchFactor(0, 1)
        self.views.setStretchFactor(1, 0)
        email_tab = QWidget()
        email_layout = QVBoxLayout(email_tab)
        email_layout.setContentsMargins(0, 0, 0, 0)
        email_layout.setSpacing(0)
        email_layout.addLayout(bar)
        email_layout.addWidget(self.error)
        email_layout.addWidget(self.views, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(email_tab, "Email")
        self.tabs.addTab(self.plain_text, "Plain text")
        self.tabs.currentChanged.connect(lambda _: self._show_plain_text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_mode(DESKTOP)
        self.render_now()

    # --- the web engine comes up behind the window ------------------------------------------------

    @property
    def engine_started(self) -> bool:
        return self.desktop is not None

    def _start_engine(self) -> None:
        """Build the two web views once the window has painted: starting Chromium takes a second."""
        if self.desktop is not None:
            return
        preview_scheme.serve(self._token, self)  # the first touch of the web engine's profile
        self.desktop = EmailView("Desktop preview", fit_desktop=True)
        self.mobile = EmailView("Mobile preview")
        self.mobile.setFixedWidth(MOBILE_WIDTH)
        self._starting.hide()
        self.desktop_frame.layout().addWidget(self.desktop)
        self._phone_layout.insertWidget(1, self.mobile)
        for view in (self.desktop, self.mobile):
            view.loadFinished.connect(lambda ok, v=view: self._on_load_finished(v, ok))
            bridge = view.bridge
            bridge.page_ready.connect(self._on_page_ready)
            bridge.patch_applied.connect(self._on_patch_applied)
            bridge.typed_in.connect(self._on_typed)
            bridge.focus_moved.connect(self._on_focus_moved)
            bridge.block_chosen.connect(self._on_block_chosen)
            bridge.block_action.connect(self.block_action)
            bridge.block_added.connect(self.block_add_requested)
            bridge.block_moved.connect(self._on_block_moved)
            bridge.heading_level.connect(self._on_heading_level)
            bridge.undo_requested.connect(lambda: self._document.undo_stack.undo())
            bridge.redo_requested.connect(lambda: self._document.undo_stack.redo())
            bridge.link_opened.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.set_mode(self.mode)

    # --- modes ---------------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.desktop_frame.setVisible(mode in (DESKTOP, SIDE_BY_SIDE))
        self.mobile_frame.setVisible(mode in (MOBILE, SIDE_BY_SIDE))
        # Beside the desktop view the phone takes only its own width; alone it sits on a grey desk.
        self.mobile_frame.setMaximumWidth(MOBILE_WIDTH + 24 if mode == SIDE_BY_SIDE else 16777215)
        for button in self.mode_buttons.buttons():
            button.setChecked(button.property("mode") == mode)
        self._catch_up()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.dark_toggle.isChecked() != dark:
            self.dark_toggle.setChecked(dark)
        self._catch_up()

    # --- rendering -----------------------------------------------------------------------------

    def set_document(self, document: IssueDocument) -> None:
        """Follow another document (New, Open) with the same views: no new browser pages to start."""
        self._document.changed.disconnect(self._on_document_changed)
        self._document = document
        document.changed.connect(self._on_document_changed)
        self.error.hide()
        self.status.setText("")
        # Nothing of the previous issue stays on screen while the new one renders.
        self.email = None
        self._latest = None
        self._shown_generation = self._latest_generation = self._worker._generation
        self._awaiting.clear()
        self._requested_at.clear()
        self._origins.clear()
        self._in_flight = 0
        self._queued = None
        for view in self._views():
            self._load_waiting_page(view)
        self.render_now()

    def render_now(self) -> int:
        """Render the current issue at once."""
        return self._request(None)

    def highlight_block(self, block_id: str) -> None:
        if self._chosen_in_page == block_id:
            self._chosen_in_page = None  # chosen in the page itself: it is in view already
            return
        for view in self._visible_views():
            view.page().runJavaScript(f"window.ncHighlight && window.ncHighlight({json.dumps(block_id)})")

    def shutdown(self) -> None:
        self._worker.stop()

    # What the scheme handler serves.
    def page_bytes(self, number: int) -> bytes | None:
        return self._pages.get(number)

    def picture_path(self, source: str) -> Path | None:
        """Only the pictures the issue uses: relative to the issue's folder, absolute, or shipped with the app."""
        if source not in self._pictures:
            return None
        return picture_file(source, self._document.path.parent if self._document.path else Path.cwd())

    def _on_document_changed(self, _issue: Issue) -> None:
        origin, self._pending_origin = self._pending_origin, None
        self._request(origin)

    def _request(self, origin) -> int:
        """One render in flight at a time; changes meanwhile are rendered together, next."""
        if self._in_flight:
            self._queued = (origin if self._queued is None else _merge_origins(self._queued[0], origin),)
            return self._worker._generation + 1
        generation = self._worker.request(self._document.issue)
        self._in_flight = generation
        self._origins[generation] = origin
        self._requested_at[generation] = time.perf_counter()
        return generation

    def _on_rendered(self, generation: int, render: PreviewRender, seconds: float) -> None:
        origin = self._origins.pop(generation, None)
        self._finish_request(generation)
        if generation <= self._shown_generation:
            return  # overtaken, or rendered for the issue open before
        self._shown_generation = generation
        self._latest, self._latest_generation = render, generation
        self._pictures = render.pictures
        self.email = render.email
        self.error.hide()
        self._render_seconds = seconds
        for view in self._visible_views():
            self._update_view(view, generation, render, origin)
        self._show_plain_text()
        self._check_updated()

    def _on_failed(self, generation: int, message: str) -> None:
        self._origins.pop(generation, None)
        self._finish_request(generation)
        self.error.setText(f"The preview was not updated — {message}. It shows your last good version.")
        self.error.show()

    def _finish_request(self, generation: int) -> None:
        if generation == self._in_flight:
            self._in_flight = 0
            if self._queued is not None:
                (origin,), self._queued = self._queued, None
                self._request(origin)

    # --- bringing each view up to date ------------------------------------------------------------

    def _views(self) -> list[EmailView]:
        return [view for view in (self.desktop, self.mobile) if view is not None]

    def _visible_views(self) -> list[EmailView]:
        wanted = {DESKTOP: (self.desktop,), MOBILE: (self.mobile,), SIDE_BY_SIDE: (self.desktop, self.mobile)}[self.mode]
        return [view for view in wanted if view is not None]

    def _catch_up(self) -> None:
        if self._latest is None:
            return
        for view in self._visible_views():
            self._update_view(view, self._latest_generation, self._latest, None)
        self._check_updated()

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
        self._awaiting[view] = generation
        view.bridge.patch.emit(json.dumps(message))

    def _load(self, view: EmailView, generation: int, render: PreviewRender) -> None:
        html = render.html
        if self.dark:
            html = html.replace(_DARK_QUERY, "@media all")
        self._page_number += 1
        number = self._page_number
        self._pages[number] = html.encode()
        for old in [n for n in self._pages if n <= number - _KEPT_PAGES]:
            del self._pages[old]
        view.loading = (number, _Shown(render.frame, self.dark, dict(render.blocks)))
        view.ready = False
        view.wanted = None
        self._awaiting[view] = generation
        position = view.page().scrollPosition()
        url = preview_scheme.page_url(self._token, number)
        query = QUrlQuery()
        query.addQueryItem("x", str(int(position.x())))
        query.addQueryItem("y", str(int(position.y())))
        url.setQuery(query)
        view.load(url)

    def _load_waiting_page(self, view: EmailView) -> None:
        self._page_number += 1
        self._pages[self._page_number] = _WAITING_PAGE.encode()
        view.shown = None
        view.loading = None
        view.wanted = None
        view.ready = False
        view.load(preview_scheme.page_url(self._token, self._page_number))

    def _on_page_ready(self, view: EmailView, path: str) -> None:
        if view.loading is not None and path == f"/page/{view.loading[0]}":
            view.shown = view.loading[1]
            view.loading = None
        if view.shown is None:
            return
        view.ready = True
        self._acknowledge(view)
        if view.wanted is not None:
            generation, render, origin = view.wanted
            view.wanted = None
            self._update_view(view, generation, render, origin)
        self._check_updated()

    def _on_load_finished(self, view: EmailView, ok: bool) -> None:
        if ok or view.loading is None:
            return
        view.loading = None
        self._awaiting.pop(view, None)
        self.error.setText("The preview cannot show this issue: its page did not load. "
                           "Your issue is unchanged; the checks and the export still work.")
        self.error.show()
        self.status.setText("")

    def _on_patch_applied(self, view: EmailView, number: int) -> None:
        if self._awaiting.get(view) == number:
            self._acknowledge(view)
            self._check_updated()

    def _acknowledge(self, view: EmailView) -> None:
        self._awaiting.pop(view, None)

    def _check_updated(self) -> None:
        if self._awaiting or self._latest is None:
            return
        visible = self._visible_views()
        if not visible or any(view.shown is None or not view.ready or view.loading for view in visible):
            return  # not on screen yet (the web engine is still starting, or a page is loading)
        started = self._requested_at.pop(self._latest_generation, None)
        for stale in [g for g in self._requested_at if g < self._latest_generation]:
            del self._requested_at[stale]
        if started is None:
            return
        self.status.setText(f"{self._latest.size / 1024:.0f} KB · rendered in "
                            f"{self._render_seconds * 1000:.0f} ms")
        self.updated.emit(time.perf_counter() - started)

    @property
    def _pending_loads(self) -> int:
        return len(self._awaiting)

    def _show_plain_text(self) -> None:
        """The plain text is set only while its tab is open: a long issue's text costs the GUI thread."""
        if self.email is None or self.tabs.currentWidget() is not self.plain_text:
            return
        if self.plain_text.toPlainText() != self.email.text:
            position = self.plain_text.verticalScrollBar().value()
            self.plain_text.setPlainText(self.email.text)
            self.plain_text.verticalScrollBar().setValue(position)

    # --- what the coordinator does in the page -------------------------------------------------

    def _on_typed(self, view: EmailView, block_id: str, path: str, content: str) -> None:
        issue = self._document.issue
        try:
            block = edits.find_block(issue, block_id)
        except edits.NotFound:
            return
        declared = prose_at(block, path)
        if declared is None or block.library_entry:
            return  # only declared prose, and never a block the library owns
        value = field_value(content, declared.rich)
        if value == prose_value(block, path):
            return
        try:
            changed = edits.replace_block(issue, block_id, with_prose(block, path, value))
        except ComposerError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        title = BLOCK_TITLES.get(block.type, block.type).lower()
        self._pending_origin = (view, block_id)
        self._document.apply(f"Type in {title}", changed, ("canvas", block_id, path, self._burst))
        self._pending_origin = None

    def _on_focus_moved(self, view: EmailView, block_id: str) -> None:
        left, view.focused_block = view.focused_block, block_id
        self._burst += 1  # typing after the caret moved to another block is a new undo step
        if left and left != block_id and view.shown is not None and view.ready and self._latest is not None \
                and view.shown.blocks.get(left, "") is None and left in self._latest.blocks:
            # The words typed there become the email's own rendering once the caret has left.
            html = self._latest.blocks[left]
            view.shown.blocks[left] = html
            self._awaiting[view] = self._latest_generation
            view.bridge.patch.emit(json.dumps({"number": self._latest_generation, "blocks": {left: html}}))

    def _on_block_chosen(self, block_id: str) -> None:
        self._chosen_in_page = block_id
        self.block_clicked.emit(block_id)

    def _on_block_moved(self, block_id: str, target_id: str, where: str) -> None:
        issue = self._document.issue
        try:
            s_index, b_index = edits.locate_block(issue, target_id)
            edits.locate_block(issue, block_id)
        except edits.NotFound:
            return
        self._document.edit("Move block", edits.move_block, block_id, issue.sections[s_index].id,
                            b_index + (1 if where == "after" else 0))

    def _on_heading_level(self, block_id: str, level: int) -> None:
        try:
            block = edits.find_block(self._document.issue, block_id)
        except edits.NotFound:
            return
        for declared in type(block).prose_fields.values():
            if declared.level_field and level in declared.levels:
                changed = edits.with_changes(block, {declared.level_field: level})
                self._document.edit("Change heading level", edits.replace_block, block_id, changed)
                return


class _StartingLabel(QLabel):
    """Stands in for the preview until the window has painted, then starts the web engine."""

    def __init__(self, start):
        super().__init__("Preparing the preview…")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color:#52606d;background:#eef1f4;")
        self._start = start
        self._asked = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._asked:
            self._asked = True
            QTimer.singleShot(0, self._start)


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


_scripts: list[QWebEngineScript] | None = None


def _canvas_scripts() -> list[QWebEngineScript]:
    """Qt's own qwebchannel.js, then the canvas (with its styles), in every preview page."""
    global _scripts
    if _scripts is None:
        channel_file = QFile(":/qtwebchannel/qwebchannel.js")
        channel_file.open(QIODevice.OpenModeFlag.ReadOnly)
        channel_js = bytes(channel_file.readAll()).decode()
        channel_file.close()
        folder = RESOURCES_DIR / "canvas"
        canvas_js = (
            f"window.ncPageStyle = {json.dumps((folder / 'page.css').read_text(encoding='utf-8'))};\n"
            f"window.ncCanvasStyle = {json.dumps((folder / 'ui.css').read_text(encoding='utf-8'))};\n"
            + (folder / "canvas.js").read_text(encoding="utf-8")
        )
        _scripts = []
        for name, source, point in (
            ("qwebchannel", channel_js, QWebEngineScript.InjectionPoint.DocumentCreation),
            ("canvas", canvas_js, QWebEngineScript.InjectionPoint.DocumentReady),
        ):
            script = QWebEngineScript()
            script.setName(name)
            script.setSourceCode(source)
            script.setInjectionPoint(point)
            script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
            script.setRunsOnSubFrames(False)
            _scripts.append(script)
    return _scripts
