"""Tests answer the app's modal dialogs by clicking their real buttons, and fail on any they did not expect."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox


class Answers:
    """The coordinator's answers to the dialogs a test expects, given in order, clicked in the real dialog."""

    def __init__(self):
        self.pending = []
        self.seen = []

    def next(self, kind, act):
        self.pending.append((kind, act))


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """Every modal dialog must be expected by the test (answers.next), or the test fails instead of hanging."""
    answers = Answers()

    def exec_(dialog):
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        if not answers.pending:
            raise AssertionError(f"unexpected dialog “{dialog.windowTitle()}”: {text}")
        kind, act = answers.pending.pop(0)
        assert isinstance(dialog, kind), f"expected a {kind.__name__}, got “{dialog.windowTitle()}”: {text}"
        answers.seen.append(dialog)
        QTimer.singleShot(0, lambda: act(dialog))
        return real_exec[type(dialog) is QMessageBox or isinstance(dialog, QMessageBox)](dialog)

    real_exec = {True: QMessageBox.exec, False: QDialog.exec}
    monkeypatch.setattr(QDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield answers
    assert not answers.pending, f"dialogs that never came: {answers.pending}"


def click_choice(choice):
    """Click the button of a question whose buttons carry a "choice" (the "already open" question)."""
    def act(box):
        next(button for button in box.buttons() if button.property("choice") == choice).click()
    return act


def click_text(text):
    def act(dialog):
        next(button for button in dialog.findChildren(QAbstractButton) if button.text() == text).click()
    return act
