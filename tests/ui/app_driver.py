"""Runs the real app (run_app, offscreen) in its own process and acts in it as a person would.

    python tests/ui/app_driver.py ISSUE_FILE STEPS_JSON

Used by tests that need a second, real copy of Newsletter Composer: two copies on
one file, a copy killed with SIGKILL while typing. STEPS_JSON is a list of steps
run one after another once the window is up:

    {"answer": "open_anyway"}         answer the next "already open" question by clicking that button
    {"select_text": 0}                select the n-th text block in the outline and put the caret in its text
    {"type": "words", "every_ms": 100} type the words key by key into the focused field; prints "typed N"
    {"save": true}                     press Ctrl+S
    {"title": true}                    prints "title: <window title>"
    {"wait": "go"}                     wait until the test writes that line on stdin
    {"close": true}                    close the window (a clean quit)

Each step prints "done <n>" when finished, so the test can follow along on stdout.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from composer.ui import app
    from composer.ui.outline import BLOCK

    issue_file, steps = sys.argv[1], json.loads(sys.argv[2])
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.strip()) for line in sys.stdin], daemon=True).start()
    answers = [step["answer"] for step in steps if "answer" in step]
    steps = [step for step in steps if "answer" not in step]

    def say(text: str) -> None:
        print(text, flush=True)

    unexpected = {"since": None}

    def answer_questions() -> None:
        """Click the chosen button of any "already open" question, as the coordinator would; Escape
        closes the first-run welcome screen; any other dialog left up for 3 s ends the run (exit 3)."""
        box = QApplication.activeModalWidget()
        if box is not None and box.objectName() == "welcomeDialog":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        elif answers and isinstance(box, QMessageBox):
            for button in box.buttons():
                if button.property("choice") == answers[0]:
                    say(f"asked: {box.text()}")
                    answers.pop(0)
                    button.click()
                    break
        box = QApplication.activeModalWidget()
        if box is None:
            unexpected["since"] = None
        elif unexpected["since"] is None:
            unexpected["since"] = time.monotonic()
        elif time.monotonic() - unexpected["since"] > 3:
            text = box.text() if isinstance(box, QMessageBox) else ""
            say(f"unexpected dialog: {box.windowTitle()}: {text}")
            os._exit(3)
        QTimer.singleShot(30, answer_questions)

    QTimer.singleShot(0, answer_questions)
    real_create_window = app.create_window

    def create_window_and_act(argv):
        window = real_create_window(argv)
        window.driver = Runner(window, steps, lines, say)  # kept alive with the window
        window.driver.start()
        return window

    class Runner:
        def __init__(self, window, steps, lines, say):
            self.window, self.steps, self.lines, self.say = window, list(steps), lines, say
            self.number = 0

        def start(self) -> None:
            QTimer.singleShot(200, self.next)

        def next(self) -> None:
            if not self.steps:
                return
            step = self.steps.pop(0)
            self.number += 1
            if "wait" in step:
                return self.wait_for(step["wait"])
            if "type" in step:
                return self.type_text(step["type"], int(step.get("every_ms", 100)))
            if "select_text" in step:
                blocks = [b for _, b in self.window.document.issue.all_blocks() if b.type == "text"]
                self.window.outline.select_item(BLOCK, blocks[step["select_text"]].id)
                self.window.activateWindow()
                field = self.window.editor.form.fields["markdown"].editor
                field.setFocus()
                field.text.moveCursor(field.text.textCursor().MoveOperation.Start)
            elif "save" in step:
                QTest.keyClick(QApplication.focusWidget() or self.window, Qt.Key.Key_S,
                               Qt.KeyboardModifier.ControlModifier)
            elif "title" in step:
                self.say(f"title: {self.window.windowTitle()}")
            elif "close" in step:
                self.say(f"done {self.number}")
                self.window.close()
                return
            self.say(f"done {self.number}")
            QTimer.singleShot(50, self.next)

        def wait_for(self, word: str) -> None:
            try:
                if self.lines.get_nowait() == word:
                    self.say(f"done {self.number}")
                    QTimer.singleShot(0, self.next)
                    return
            except queue.Empty:
                pass
            QTimer.singleShot(30, lambda: self.wait_for(word))

        def type_text(self, text: str, every_ms: int, index: int = 0) -> None:
            if index == len(text):
                self.say(f"done {self.number}")
                QTimer.singleShot(0, self.next)
                return
            QTest.keyClicks(QApplication.focusWidget(), text[index])
            self.say(f"typed {index + 1} {time.time():.3f}")
            QTimer.singleShot(every_ms, lambda: self.type_text(text, every_ms, index + 1))

    app.create_window = create_window_and_act
    return app.run_app([issue_file])


if __name__ == "__main__":
    sys.exit(main())
