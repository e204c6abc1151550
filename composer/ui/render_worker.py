"""Renders the email on a worker thread so typing never waits for the preview.

Requests carry a generation number; the worker skips any request that a newer
one has overtaken, and the preview ignores results older than what it shows.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from composer.model import ComposerError, Issue

# What the preview shows may differ from the saved issue: the library feature
# swaps linked blocks for their entries' current content. Runs on the worker thread.
_prepare_for_preview: Callable[[Issue], Issue] = lambda issue: issue


def set_preview_preparer(prepare: Callable[[Issue], Issue] | None) -> None:
    """Have every preview render ``prepare(issue)``; None shows the issue as it is."""
    global _prepare_for_preview
    _prepare_for_preview = prepare or (lambda issue: issue)


class _Worker(QObject):
    rendered = Signal(int, object, float)  # generation, RenderedEmail, seconds
    failed = Signal(int, str)

    def __init__(self):
        super().__init__()
        self.latest = 0

    @Slot(int, object)
    def render(self, generation: int, issue: Issue) -> None:
        if generation < self.latest:
            return  # overtaken by a newer edit
        started = time.perf_counter()
        # Imported here, on the worker thread: the pipeline's first import takes ~0.2 s
        # and the window can be showing meanwhile.
        from composer.render import render_email

        try:
            email = render_email(_prepare_for_preview(issue), preview=True)
        except ComposerError as error:
            self.failed.emit(generation, str(error))
            return
        except Exception as error:  # a broken template must not kill the preview thread
            self.failed.emit(generation, f"The preview could not be rendered: {error}")
            return
        self.rendered.emit(generation, email, time.perf_counter() - started)


class RenderWorker(QObject):
    rendered = Signal(int, object, float)
    failed = Signal(int, str)
    _request = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("preview-render")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.render)
        self._worker.rendered.connect(self.rendered)
        self._worker.failed.connect(self.failed)
        self._generation = 0
        self._thread.start()

    def request(self, issue: Issue) -> int:
        self._generation += 1
        self._worker.latest = self._generation
        self._request.emit(self._generation, issue)
        return self._generation

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)
