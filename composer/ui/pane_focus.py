"""F6 and Shift+F6 move the keyboard between the window's panes: outline, form, email, Checks.

Tab stays inside a pane's own fields; the email's links are not tab stops of the window,
so a coordinator reaches the form from the outline in one press and the next pane with F6.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QWidget
from PySide6.QtWebEngineWidgets import QWebEngineView
from shiboken6 import isValid

from .actions import ActionSpec


def install(window) -> None:
    window.pane_focus = PaneFocus(window)
    window.outline.installEventFilter(window.pane_focus)
    window.add_action(ActionSpec("next_pane", "Next &pane", "&View", "panels", window.pane_focus.next, "F6"))
    window.add_action(ActionSpec("previous_pane", "Previous pa&ne", "&View", "panels", window.pane_focus.previous,
                                 "Shift+F6"))


class PaneFocus(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        # The email page draws no focus of its own: its frame shows a ring while the keyboard is in it.
        QApplication.instance().focusChanged.connect(self._mark_email_frame)

    def _mark_email_frame(self, _old, now) -> None:
        if not isValid(self.window):
            return  # the window is being taken down (focus moves as its widgets go)
        frame = getattr(self.window.preview, "views", None)
        if frame is None or not isValid(frame):
            return
        if now is None:
            return  # on X11 the page's own surface takes the keyboard from Qt: the ring stays where it was
        inside = frame.isAncestorOf(now)
        if frame.property("keyboardInside") != inside:
            frame.setProperty("keyboardInside", inside)
            frame.style().unpolish(frame)
            frame.style().polish(frame)
            frame.update()  # repaint the border now, not at the next unrelated paint

    def eventFilter(self, watched, event) -> bool:
        """Tab in the outline goes straight to the form's first field (the form's own order is left alone)."""
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab
                and event.modifiers() == Qt.KeyboardModifier.NoModifier and self.window.editor.first_field()):
            self.window.editor.focus_first_field()
            return True
        return False

    def panes(self) -> list[QWidget]:
        window = self.window
        panes = [window.outline, window.editor, window.preview]
        panes += [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
        return panes

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def current(self) -> int:
        focus = QApplication.focusWidget()
        for index, pane in enumerate(self.panes()):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return index
        return -1

    def _step(self, step: int) -> None:
        panes = self.panes()
        target = panes[(self.current() + step) % len(panes)]
        _focus_inside(self.window, target)


def _focus_inside(window, pane: QWidget) -> None:
    if pane is window.editor:
        field = window.editor.first_field()
        (field or window.editor).setFocus(Qt.FocusReason.OtherFocusReason)
    elif pane is window.preview:
        views = [v for v in pane.findChildren(QWebEngineView) if v.isVisible()]
        if views:
            view = views[0]
            view.setFocus(Qt.FocusReason.OtherFocusReason)  # Qt hands it on to the page when the page is up
            if not (view.hasFocus() or view.isAncestorOf(QApplication.focusWidget())):
                QTimer.singleShot(50, lambda: view.setFocus(Qt.FocusReason.OtherFocusReason))  # a page still starting
    elif isinstance(pane, QDockWidget):
        child = pane.widget()
        # A list (the Checks' findings) first: that is what the pane is for, and it shows its focus.
        focusable = [w for w in child.findChildren(QAbstractItemView) if w.isVisible()]
        focusable += [w for w in child.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()]
        (focusable[0] if focusable else child).setFocus(Qt.FocusReason.OtherFocusReason)
    else:
        pane.setFocus(Qt.FocusReason.OtherFocusReason)
