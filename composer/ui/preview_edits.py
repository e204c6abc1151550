"""What the coordinator does in the preview's pages, made into edits of the document.

Words typed in a page come back as edits through the document, one undo step per
block she types in; only declared prose changes, and never a block the library owns.
Moving a block, a heading's level, undo and redo and opening a link work the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QApplication

from composer.model import BLOCK_TITLES, ComposerError
from composer.model import edits
from composer.model.prose import prose_at, prose_value, with_prose

from .canvas_bridge import field_value
from .document import IssueDocument
from .preview_sync import PreviewSync
from .preview_views import EmailView


class PreviewEdits(QObject):
    """Turns what each view's page reports into edits of the document."""

    problem = Signal(str)  # an edit the model refused, in its words

    def __init__(self, document: IssueDocument, sync: PreviewSync, parent: QObject):
        super().__init__(parent)
        self.document = document
        self._sync = sync
        self._burst = 0

    def add_view(self, view: EmailView) -> None:
        bridge = view.bridge
        bridge.typed_in.connect(self._on_typed)
        bridge.focus_moved.connect(self._on_focus_moved)
        bridge.block_moved.connect(self._on_block_moved)
        bridge.heading_level.connect(self._on_heading_level)
        bridge.undo_requested.connect(lambda: self.document.undo_stack.undo())
        bridge.redo_requested.connect(lambda: self.document.undo_stack.redo())
        bridge.link_opened.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))

    def bring_in_typing(self, views: list[EmailView], wait_ms: int = 1000) -> None:
        """Words typed in a page come in on its next frame: a save or a close straight after the last
        key waits for them (at most *wait_ms*, should a page not answer), so they are in the file.

        The page with the keyboard is asked by a key (F24, which no one types): keys reach a page in
        order, so it answers only once it has taken every key typed before. Another page is asked
        by a script, which may run before keys still on their way, but no keys go there."""
        waiting = {view for view in views if view.ready and view.shown is not None}
        if not waiting:
            return
        loop = QEventLoop()

        def arrived(view: EmailView) -> None:
            waiting.discard(view)
            if not waiting:
                loop.quit()

        def asked(view: EmailView, answer) -> None:
            if answer is not True:  # no page script or no channel yet: nothing typed can be waiting
                arrived(view)

        asking = list(waiting)
        for view in asking:
            view.bridge.typing_sent.connect(arrived)
            keyboard = view.focusProxy()
            if keyboard is not None and keyboard.hasFocus():
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(keyboard, QKeyEvent(kind, Qt.Key.Key_F24, Qt.KeyboardModifier.NoModifier))
            else:
                view.page().runJavaScript("!!(window.ncCanvas && ncCanvas.flushForApp && ncCanvas.flushForApp())", 0,
                                          lambda answer, view=view: asked(view, answer))
        timer = QTimer(singleShot=True, interval=wait_ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        if waiting:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        timer.stop()
        for view in asking:
            view.bridge.typing_sent.disconnect(arrived)

    def _on_typed(self, view: EmailView, block_id: str, path: str, content: str) -> None:
        issue = self.document.issue
        try:
            block = edits.find_block(issue, block_id)
        except edits.NotFound:
            return
        declared = prose_at(block, path)
        if declared is None or block.library_entry:
            return  # only declared prose, and never a block the library owns
        value = field_value(content, declared.rich)
        if value == prose_value(block, path):
            return
        try:
            changed = edits.replace_block(issue, block_id, with_prose(block, path, value))
        except ComposerError as error:
            self.problem.emit(str(error))
            return
        title = BLOCK_TITLES.get(block.type, block.type).lower()
        with self._sync.typed_in(view, block_id):
            self.document.apply(f"Type in {title}", changed, ("canvas", block_id, path, self._burst))

    def _on_focus_moved(self, _view: EmailView, _block_id: str) -> None:
        self._burst += 1  # typing after the caret moved to another block is a new undo step

    def _on_block_moved(self, block_id: str, target_id: str, where: str) -> None:
        issue = self.document.issue
        try:
            s_index, b_index = edits.locate_block(issue, target_id)
            edits.locate_block(issue, block_id)
        except edits.NotFound:
            return
        self.document.edit("Move block", edits.move_block, block_id, issue.sections[s_index].id,
                           b_index + (1 if where == "after" else 0))

    def _on_heading_level(self, block_id: str, level: int) -> None:
        try:
            block = edits.find_block(self.document.issue, block_id)
        except edits.NotFound:
            return
        for declared in type(block).prose_fields.values():
            if declared.level_field and level in declared.levels:
                changed = edits.with_changes(block, {declared.level_field: level})
                self.document.edit("Change heading level", edits.replace_block, block_id, changed)
                return
