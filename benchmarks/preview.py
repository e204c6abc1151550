"""Time from an edit in the model until every visible preview page shows it (there is no debounce).

    python benchmarks/preview.py [--edits 50]

Opens the sample issue in the real main window (offscreen), makes N edits to a
text block through the document, and for each waits for the preview's
``updated`` signal: the edit rendered off the GUI thread and the changed block
swapped into the visible page (acknowledged by the page).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("NEWSLETTER_COMPOSER_HOME", tempfile.mkdtemp(prefix="nc-bench-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from composer.model import edits
    from composer.ui.app import create_window

    app = QApplication([])
    window = create_window([])
    window.resize(1280, 800)
    window.show()
    preview = window.preview
    text = next(block for _, block in window.document.issue.all_blocks() if block.type == "text")

    def wait_for_update() -> float:
        loop = QEventLoop()
        seconds: list[float] = []
        preview.updated.connect(lambda s: (seconds.append(s), loop.quit()))
        QTimer.singleShot(20000, loop.quit)
        loop.exec()
        preview.updated.disconnect()
        return seconds[0] if seconds else float("nan")

    wait_for_update()  # the first load, once the web engine is up, warms Chromium up
    timings = []
    for number in range(args.edits):
        changed = edits.replace_block(window.document.issue, text.id,
                                      edits.with_changes(text, {"markdown": f"{text.markdown} Edit {number}."}))
        window.document.apply(f"Edit {number}", changed)
        timings.append(wait_for_update() * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    print(f"edits: {len(timings)}  html: {len(preview.email.html.encode()) / 1024:.1f} KB")
    print(f"edit → preview shows it (visible views, patched in place): median {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
    window.document.mark_saved()
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
