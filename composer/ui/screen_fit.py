"""Windows and dialogs that fit a charity laptop's screen (1366×768, or 1280×720 at 125 %).

A window restored from a bigger monitor, or sized for one, is brought inside the screen's
available area; a dialog taller than the screen scrolls inside rather than running off it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, margin: int = 0) -> None:
    """Shrink and move *widget* (its frame included) so all of it is on its screen."""
    area = available_area(widget).adjusted(margin, margin, -margin, -margin)
    frame_extra = widget.frameGeometry().size() - widget.geometry().size()
    width = min(widget.width(), area.width() - frame_extra.width())
    height = min(widget.height(), area.height() - frame_extra.height())
    width = max(width, min(widget.minimumWidth(), area.width()))
    height = max(height, min(widget.minimumHeight(), area.height()))
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.left()), max(y, area.top()))


class FitsTheScreenWhenShown(QObject):
    """Watches one dialog: each time it opens (or grows, as a report does) it is kept inside the screen."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest) and watched.isVisible():
            fit_to_screen(watched)
        return False


def keep_on_screen(dialog: QDialog) -> None:
    """Called for every dialog the window parents (MainWindow.childEvent)."""
    if dialog.property("nc_fits_screen") is None:
        dialog.setProperty("nc_fits_screen", True)
        dialog.installEventFilter(FitsTheScreenWhenShown(dialog))
