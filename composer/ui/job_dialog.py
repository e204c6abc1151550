"""Dialogs whose work (exporting, sending) runs on a background thread, with progress and a status line."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QWidget

from composer.model import ComposerError

Work = Callable[[Callable[[float, str], None]], object]
ERROR_STYLE = "color: #b00020"


class BackgroundJob(QThread):
    """Runs *work(progress)* on its own thread; a coordinator's error arrives as ``failed(message)``."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent=None):
        super().__init__(parent)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except ComposerError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:
            self.failed.emit(f"Something went wrong that the app did not expect: {error}")
            raise  # a programming error: report it, but do not hide it
        self.succeeded.emit(result)


class JobDialog(QDialog):
    """Holds the progress bar, the status line and the running jobs; cannot close mid-job.

    Subclasses set ``self.buttons`` (with a Close button) and list what to disable
    while busy in ``busy_widgets()``.
    """

    buttons: QDialogButtonBox

    def __init__(self, parent: QWidget | None, what: str):
        super().__init__(parent)
        self._jobs: set[BackgroundJob] = set()
        self._busy = False
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(f"{what} progress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(f"{what} status")

    def busy_widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def is_busy(self) -> bool:
        return self._busy

    def start_job(self, work: Work) -> BackgroundJob:
        job = BackgroundJob(work, self)
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        job.progressed.connect(self._on_progress)
        job.start()
        return job

    def reject(self) -> None:
        if self.is_busy():
            return  # the work finishes in a moment; closing now would abandon its thread
        self._wait_for_jobs()
        super().reject()

    def done(self, code: int) -> None:
        self._wait_for_jobs()
        super().done(code)

    def _wait_for_jobs(self) -> None:
        for job in list(self._jobs):
            job.wait()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self.busy_widgets():
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)
        if busy:
            self.progress.setValue(0)
            self.progress.show()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self._say(message + "…" if fraction < 1 else message)
