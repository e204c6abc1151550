"""One email view of the preview: a web page with the canvas script and its end of the web channel.

The page navigates only to what the app loads into it (links open in the browser on
Ctrl+click), and editing keys typed in it stay in it instead of reaching the window's menus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QFile, QIODevice, QObject, QUrl, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from composer.resources import RESOURCES_DIR

from .canvas_bridge import CanvasBridge
from .render_worker import PreviewRender

DESKTOP_CSS_WIDTH = 660   # the 640 px email and a scroll bar: narrower panes show it scaled down


@dataclass
class Shown:
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
        self.loadFinished.connect(self._no_tab_stop)
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
        self.shown: Shown | None = None         # what the page holds once loaded
        self.loading: tuple[int, Shown] | None = None
        self.ready = False                      # the page's channel is connected
        self.focused_block = ""                 # the block whose words have the caret
        self.wanted: tuple[int, PreviewRender, object] | None = None


    def _no_tab_stop(self, _ok: bool = True) -> None:
        """The page's own widget (made as it loads) is no Tab stop either, or Tab from the form would land in it."""
        proxy = self.focusProxy()
        if proxy is not None:
            proxy.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

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
