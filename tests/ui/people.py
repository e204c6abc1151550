"""What a person does with a dialog, as steps a test hands over before the dialog opens.

Qt's modal dialogs run their own event loop, so a test says beforehand what to do once the
dialog is up: type into the focused field, press a key, click a button by its words.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication


def answer_next_dialog(*steps):
    """When the next modal dialog has the keyboard, run each step with it; returns a list that then holds it."""
    done = []

    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow() or QApplication.focusWidget() is None:
            QTimer.singleShot(20, act)
            return
        done.append(dialog)
        for step in steps:
            step(dialog)

    QTimer.singleShot(0, act)
    return done


def type_text(text):
    def step(dialog):
        QTest.keyClicks(QApplication.focusWidget(), text)
    return step


def press(key, modifier=Qt.KeyboardModifier.NoModifier):
    def step(dialog):
        QTest.keyClick(QApplication.focusWidget(), key, modifier)
    return step


def select_all(dialog):
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def click(words):
    """Click the button whose text (without its & accelerator) is *words*."""
    def step(dialog):
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == words and b.isVisible()]
        assert buttons, f"no button “{words}” in {dialog.windowTitle()}: " + \
            str([b.text() for b in dialog.findChildren(QAbstractButton)])
        QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    return step


def then(next_dialog_steps):
    """After this dialog, answer the one it opens with *next_dialog_steps*."""
    def step(dialog):
        answer_next_dialog(*next_dialog_steps)
    return step


def give_back_keyboard(window, qtbot):
    """The offscreen platform does not hand the keyboard back to the window after a dialog by itself."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
