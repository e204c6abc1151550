import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices, QGuiApplication

from composer.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path):
    windows = []

    def make(issue, path=None):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(issue, path, settings)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.document.mark_saved()  # no Save/Discard question while tearing down
        window.close()
        window.deleteLater()
    QGuiApplication.clipboard().clear()  # clipboard data left at exit crashes offscreen Qt
    qtbot.wait(10)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: fail loudly instead."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    def refuse(name):
        def dialog(*args, **kwargs):
            raise AssertionError(f"unexpected dialog {name}: {args[1:3]}")
        return dialog

    for name in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}"))
    monkeypatch.setattr(QInputDialog, "getText", refuse("QInputDialog.getText"))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}"))
    # Nothing a test does may open a real browser or file manager.
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
