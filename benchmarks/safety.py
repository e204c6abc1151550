"""How safe and how quick the safety net is: autosave delays, the cost of a recovery copy and of a checked
save, and how fast an issue file far too large is refused.

    python benchmarks/safety.py [--blocks 3000]

Runs the real main window offscreen. Figures printed:
- autosave after a pause: seconds from the last change to the recovery copy (aim: 1–2 s);
- autosave while typing without pause (a key every 140 ms for 10 s): the oldest unsaved keystroke when each
  recovery copy is written, i.e. the most a kill -9 can lose (aim: under 5 s);
- one recovery copy and one checked save (hash, .bak, fsync of file and folder) of an N-block issue, in ms,
  on the GUI thread;
- refusing a 50 MB .newsletter: load_issue and the window's Open, in ms and peak Python memory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("NEWSLETTER_COMPOSER_HOME", tempfile.mkdtemp(prefix="nc-bench-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocks", type=int, default=3000)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from composer.storage import IssueFileError, load_issue, save_issue
    from composer.storage.backups import save_with_backup
    from composer.storage.disk_version import current_version
    from composer.storage.recovery import RecoveryStore
    from composer.ui.main_window import MainWindow
    from large_issue import large_issue

    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="nc-safety-"))
    small = folder / "small.newsletter"
    save_issue(large_issue(20), small)
    window = MainWindow(load_issue(small), small)
    window.show()
    store = RecoveryStore()

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def text_block():
        return next(block for _, block in window.document.issue.all_blocks() if block.type == "text")

    # 1. a pause after one change
    writes: list[float] = []
    real_write = store.write

    def timed_write(*a, **k):
        writes.append(time.perf_counter())
        return real_write(*a, **k)

    window.safety.store.write = timed_write
    changed_at = time.perf_counter()
    window.document.update_block(text_block().id, markdown="One change, then a pause")
    wait(3)
    pause_delay = writes[0] - changed_at if writes else float("nan")

    # 2. typing without a pause
    writes.clear()
    keys: list[float] = []
    started = time.perf_counter()
    saved_up_to = 0.0
    losses = []
    while time.perf_counter() - started < 10:
        keys.append(time.perf_counter())
        window.document.update_block(text_block().id, markdown="x" * len(keys))
        before = len(writes)
        wait(0.14)
        if len(writes) > before:  # a copy written: everything typed before it is safe
            oldest_unsaved = next((t for t in keys if t > saved_up_to), None)
            if oldest_unsaved is not None:
                losses.append(writes[-1] - oldest_unsaved)
            saved_up_to = writes[-1]
    worst_loss = max(losses) if losses else float("nan")

    # 3. cost of one recovery copy and one checked save of a large issue
    big = folder / "large.newsletter"
    save_issue(large_issue(args.blocks), big)
    issue = load_issue(big)
    version = current_version(big)
    started = time.perf_counter()
    real_write("bench", issue, big, version)
    recovery_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    edited = issue.model_copy(update={"title": "Edited"})
    save_with_backup(edited, big, keep_backup=True, expected_version=version)
    save_ms = (time.perf_counter() - started) * 1000

    # 4. a 50 MB .newsletter
    huge = folder / "huge.newsletter"
    with open(huge, "wb") as file:
        file.write(b'{"format_version": 2, "title": "')
        file.write(b"x" * (50 * 1024 * 1024))
        file.write(b'"}')
    tracemalloc.start()
    started = time.perf_counter()
    try:
        load_issue(huge)
    except IssueFileError as error:
        message = str(error)
    refuse_ms = (time.perf_counter() - started) * 1000
    _, refuse_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    shown = []
    QMessageBox.critical = lambda parent, title, text: shown.append(text)
    window.document.mark_saved()
    tracemalloc.start()
    started = time.perf_counter()
    window.open_file(huge)
    open_ms = (time.perf_counter() - started) * 1000
    _, open_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"autosave after a pause:               {pause_delay:.2f} s after the last change")
    print(f"autosave while typing without pause:  at most {worst_loss:.2f} s of typing unsaved "
          f"({len(keys)} keys in 10 s, {len(losses)} recovery copies)")
    print(f"one recovery copy, {args.blocks} blocks:        {recovery_ms:.0f} ms")
    print(f"one checked save with .bak, {args.blocks} blocks: {save_ms:.0f} ms")
    print(f"refusing a 50 MB .newsletter:          load_issue {refuse_ms:.1f} ms, peak {refuse_peak / 1024:.0f} KB; "
          f"window Open {open_ms:.1f} ms, peak {open_peak / 1024:.0f} KB")
    print(f"  message: {message}")
    print(f"  window said: {shown[0] if shown else '(nothing)'}")
    window.document.mark_saved()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
