"""Opens the window, its docks and modes, and every dialog on a small screen; prints what did not fit.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=1.25] python tests/ui/screen_probe.py

Run in its own process by test_small_screens.py, because a process has one screen for its life.
Prints one JSON object: the screen's available area and, for each thing opened, its frame.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("NEWSLETTER_COMPOSER_HOME", tempfile.mkdtemp())
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import shiboken6  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QMessageBox  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv)
    from composer.storage import load_issue
    from composer.resources import SAMPLE_ISSUE
    from composer.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", None)
    window = MainWindow(load_issue(SAMPLE_ISSUE), None, settings)
    window.resize(1280, 800)  # what the app asks for before it knows the screen
    from composer.ui.screen_fit import fit_to_screen
    fit_to_screen(window)
    window.show()
    for _ in range(20):
        app.processEvents()
    area = window.screen().availableGeometry()
    seen: dict[str, list[int]] = {}

    def record(name, widget):
        for _ in range(5):
            app.processEvents()
        if not shiboken6.isValid(widget):
            return  # closed meanwhile by the other capture of the same dialog
        frame = widget.frameGeometry()
        seen[name] = [frame.x(), frame.y(), frame.width(), frame.height()]

    record("window", window)
    docks = [d for d in window.findChildren(QDockWidget)]
    for dock in docks:
        dock.show()
    record("window with every dock", window)
    for name in ("preview_side", "preview_mobile", "preview_desktop"):
        window.actions_by_name[name].trigger()
        record(f"window in {name}", window)
    for dock in docks:
        dock.hide()

    for name in ("export", "send_test", "preferences", "import", "library_save", "getting_started", "about",
                 "organisation_details", "welcome", "send_to_provider", "new_from_previous"):
        action = window.actions_by_name.get(name) or next((a for a in window.findChildren(type(window.actions_by_name["save"]))
                                                            if a.objectName() == name), None)
        if action is None:
            continue  # a feature this build does not have
        before = set(id(w) for w in app.topLevelWidgets() if w.isVisible())

        def capture(name=name, before=before):
            shown = [w for w in app.topLevelWidgets() if w.isVisible() and id(w) not in before and isinstance(w, QDialog)]
            for dialog in shown:
                title = dialog.windowTitle()
                record(f"dialog {name}: {title}", dialog)
                if shiboken6.isValid(dialog) and dialog.isVisible():
                    dialog.reject() if not isinstance(dialog, QMessageBox) else dialog.done(0)

        QTimer.singleShot(300, capture)
        action.trigger()
        app.processEvents()
        capture()
    print(json.dumps({"area": [area.x(), area.y(), area.width(), area.height()], "seen": seen}))
    window.document.mark_saved()
    window.close()


if __name__ == "__main__":
    main()
