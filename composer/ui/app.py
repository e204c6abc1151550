"""Starting the composer window, and holding back what it does not need until it is up.

On a two-core machine anything run while the window is built only delays it: the first
render waits for the window's first paint (after_first_paint), the checks, the spelling
dictionary and other background work for the preview's (after_start_up).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from composer.resources import SAMPLE_ISSUE

# Work nothing on screen needs waits until the window is up: the first render until the window has
# painted, the checks and the spelling dictionary until the preview has too (or these many ms at most).
FIRST_PAINT_LATEST_MS = 1500
START_UP_LATEST_MS = 4000


def prepare_environment() -> None:
    """QtWebEngine refuses to start as root unless its sandbox is off."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()


def settings_path() -> Path:
    from composer.user_folders import config_dir

    return config_dir() / "settings.ini"


def create_window(argv: list[str]):
    """The main window with FILE from argv open (locked for this copy), or the sample issue.

    If a crash left unsaved work behind, the window is shown and the coordinator
    is offered to restore it before anything else.
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from composer.storage import IssueFileError, load_issue

    from .main_window import MainWindow, blank_issue
    from .safety_ui import claim_file, hold, offer_crash_recovery

    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    path = Path(argv[0]) if argv else None
    claim = claim_file(None, path) if path else None
    if path and claim is None:
        path = None  # Cancel on "already open elsewhere": start with the sample instead
    try:
        issue = load_issue(path or SAMPLE_ISSUE)
    except IssueFileError as error:
        QMessageBox.critical(None, "Cannot open the issue", str(error))
        issue, path = blank_issue(), None
    window = MainWindow(issue, path, settings)
    if claim is not None:
        if path:
            hold(window, claim)
        else:
            claim.release()
    offer_crash_recovery(window)
    return window


def run_app(argv: list[str]) -> int:
    prepare_environment()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from composer import __version__
    from composer.logs import setup_logging
    from composer.resources import ICONS_DIR
    from composer.storage.recovery import RecoveryStore

    from .welcome import offer_first_run

    log_path = setup_logging()
    logging.getLogger(__name__).info("starting; log at %s", log_path)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Newsletter Composer")
    app.setOrganizationName("newsletter-composer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("newsletter-composer")  # matches packaging/linux/newsletter-composer.desktop
    app.setWindowIcon(QIcon(str(ICONS_DIR / "newsletter-composer.png")))
    app.setStyle("Fusion")
    window = create_window(argv)
    window.show()
    offer_first_run(window)  # the welcome screen, once
    code = app.exec()
    RecoveryStore().discard_all_for_session()  # a clean exit: nothing left to recover
    return code


def after_first_paint(widget, work: Callable[[], None]) -> None:
    """Run *work* on the GUI thread just after *widget* is first painted (at once if it has been).

    A widget still not painted FIRST_PAINT_LATEST_MS after the first call gets its work done then.
    """
    _waiter(widget, _FirstPaint).add(work)


def after_start_up(window, work: Callable[[], None]) -> None:
    """Run *work* on the GUI thread once the window's preview has first painted, or START_UP_LATEST_MS
    after the first call if it has not by then: checks and dictionaries never slow the window coming up."""
    _waiter(window, _StartUp).add(work)


class _Waiter(QObject):
    """Work held until a moment of start-up, then run in the order it came."""

    latest_ms = 0

    def __init__(self, owner):
        super().__init__(owner)
        self.held: list[Callable[[], None]] | None = []
        QTimer.singleShot(self.latest_ms, self, self.release)

    def add(self, work: Callable[[], None]) -> None:
        if self.held is None:
            work()
        else:
            self.held.append(work)

    def release(self) -> None:
        held, self.held = self.held, None
        for work in held or ():
            work()


class _FirstPaint(_Waiter):
    latest_ms = FIRST_PAINT_LATEST_MS

    def __init__(self, widget):
        super().__init__(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.held is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.release)  # once this paint is on screen
        return False


class _StartUp(_Waiter):
    latest_ms = START_UP_LATEST_MS

    def __init__(self, window):
        super().__init__(window)
        self._preview = window.preview
        self._preview.updated.connect(self._painted)

    def _painted(self) -> None:
        self._preview.updated.disconnect(self._painted)
        QTimer.singleShot(0, self, self.release)  # after everyone else has heard that the preview is up


def _waiter(owner, kind: type[_Waiter]) -> _Waiter:
    found = owner.findChildren(kind, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return found[0] if found else kind(owner)
