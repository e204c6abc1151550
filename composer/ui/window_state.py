"""Where the window, its panes and its docks were, kept between sessions and fitted to this screen.

A layout saved on a bigger monitor must not push the window off a charity laptop's screen,
so whatever is restored is brought inside the available area.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from .screen_fit import available_area, fit_to_screen


def dock_below(window: QMainWindow) -> None:
    """Panels such as Checks and the Library share one row of tabs below, so they never widen the window."""
    docks = window.findChildren(QDockWidget)
    for dock in docks:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    for dock in docks[1:]:
        window.tabifyDockWidget(docks[0], dock)
    if docks:
        docks[0].raise_()


def restore(window: QMainWindow) -> None:
    """The window's size and place, and which docks are shown where, as last saved."""
    geometry = window.settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = window.settings.value("window/state")
    if state is not None:
        window.restoreState(state)
        if window.minimumSizeHint().width() > available_area(window).width():
            dock_below(window)  # a layout saved on a bigger screen
    fit_to_screen(window)


def restore_panes(window: QMainWindow) -> None:
    """On first show, once the window frame's size is known: fit again, then the panes' widths."""
    fit_to_screen(window)
    sizes = window.settings.value("window/splitter")  # after the window has its real size
    if sizes is not None:
        window.splitter.restoreState(sizes)


def save(window: QMainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/splitter", window.splitter.saveState())
    window.settings.setValue("window/state", window.saveState())
