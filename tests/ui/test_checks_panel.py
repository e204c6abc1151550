"""The Checks panel: findings by severity, a size gauge, click to the field at fault, and Check links."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import Qt

from composer.checks import spelling
from composer.checks.findings import Severity
from composer.model import ButtonBlock, Section
from composer.ui import checks_panel


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/slow":
            time.sleep(2)
        self.send_response({"/missing": 404}.get(self.path, 200))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def with_buttons(issue, *buttons):
    return issue.model_copy(update={"sections": (*issue.sections, Section(kind="custom", title="Links", blocks=buttons))})


def checked_window(make_window, issue, qtbot):
    window = make_window(issue)
    panel = window.checks_panel
    qtbot.waitUntil(lambda: panel.summary.text() != "Checking…", timeout=15000)
    return window, panel



def test_coordinator_clicks_a_spelling_warning_and_lands_on_the_word(make_window, small_issue, qtbot):
    if not spelling.spelling_available():
        pytest.skip("no en_GB dictionary on this machine")
    spelling.shared_checker.cache_clear()
    button = ButtonBlock(label="PARTICPATE HERE", url="https://www.example.org/survey")
    window, panel = checked_window(make_window, with_buttons(small_issue, button), qtbot)
    qtbot.waitUntil(lambda: any(getattr(f, "word", "") == "PARTICPATE" for f in panel.shown_findings()), timeout=15000)

    warnings = panel.groups[Severity.WARNING]
    assert warnings.text(0) == f"Warnings ({warnings.childCount()})"
    assert panel.gauge.format().endswith("KB of 102 KB") and 0 < panel.gauge.value() < 90 * 1024
    item = next(warnings.child(i) for i in range(warnings.childCount())
                if warnings.child(i).data(0, checks_panel.FINDING_ROLE).rule == "spelling")
    panel.tree.itemClicked.emit(item, 0)

    assert window.outline.current_item() == ("block", button.id)
    label = window.editor.form.fields["label"].editor
    qtbot.waitUntil(label.hasFocus, timeout=2000)
    assert label.selectedText() == "PARTICPATE"


def test_fixing_the_block_clears_its_finding_when_the_preview_refreshes(make_window, small_issue, qtbot):
    button = ButtonBlock(label="Book now", url="")
    window, panel = checked_window(make_window, with_buttons(small_issue, button), qtbot)
    qtbot.waitUntil(lambda: any(f.block_id == button.id for f in panel.shown_findings()), timeout=15000)
    assert panel.count(Severity.ERROR) >= 1
    error = next(f for f in panel.shown_findings() if f.block_id == button.id)
    panel.go_to(error)
    assert window.outline.current_item() == ("block", button.id)
    qtbot.waitUntil(window.editor.form.fields[error.field].editor.hasFocus, timeout=2000)

    window.document.update_block(button.id, url="https://www.lscp-north.org.uk/book")
    qtbot.waitUntil(lambda: not any(f.block_id == button.id for f in panel.shown_findings()), timeout=10000)


def test_check_links_reports_a_missing_page_and_leaves_working_links_alone(make_window, small_issue, qtbot, local_site):
    broken = ButtonBlock(label="Read the report", url=f"{local_site}/missing")
    working = ButtonBlock(label="See the agenda", url=f"{local_site}/agenda")
    window, panel = checked_window(make_window, with_buttons(small_issue, broken, working), qtbot)

    with qtbot.waitSignal(panel.links_checked, timeout=20000):
        qtbot.mouseClick(panel.check_links_button, Qt.MouseButton.LeftButton)
        assert not panel.check_links_button.isEnabled() and panel.cancel_button.isVisibleTo(panel)

    link_findings = [f for f in panel.shown_findings() if f.block_id in (broken.id, working.id)
                     and f in panel.link_findings]
    assert [f.block_id for f in link_findings if f.severity == Severity.ERROR] == [broken.id]
    assert "404" in link_findings[0].message
    assert panel.check_links_button.isEnabled() and not panel.link_progress.isVisibleTo(panel)


def test_a_slow_link_check_can_be_cancelled_without_freezing_the_window(make_window, small_issue, qtbot, local_site):
    slow = ButtonBlock(label="Slow page", url=f"{local_site}/slow")
    window, panel = checked_window(make_window, with_buttons(small_issue, slow), qtbot)
    panel.check_links()
    qtbot.wait(100)
    assert panel.link_progress.isVisibleTo(panel)
    started = time.monotonic()
    with qtbot.waitSignal(panel.links_checked, timeout=5000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 1.5
    assert "cancelled" in panel.summary.text()
    assert panel.check_links_button.isEnabled()


def test_without_a_dictionary_the_panel_says_so_once(make_window, small_issue, qtbot, monkeypatch):
    def no_dictionary():
        raise spelling.SpellingUnavailable("no en_GB dictionary is installed")

    monkeypatch.setattr(spelling, "shared_checker", no_dictionary)  # what the checks open: the panel learns from them
    window, panel = checked_window(make_window, small_issue, qtbot)
    qtbot.waitUntil(lambda: panel.summary.text() != "Checking…", timeout=15000)

    assert panel.spelling_note.isVisibleTo(panel)
    assert "hunspell-en-gb" in panel.spelling_note.text()
    assert not [f for f in panel.shown_findings() if "can't be checked" in f.message]


def test_offline_link_check_is_one_warning_and_export_agrees_with_the_panel(make_window, small_issue, qtbot, local_site):
    """Every address failing to connect means no internet, not forty broken links."""
    import socket

    from composer.checks.online_links import NO_INTERNET
    from composer.ui.export_dialog import ExportDialog

    with socket.socket() as probe:  # a port nothing listens on: the connection is refused, as offline
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    offline = small_issue.model_copy(update={"sections": tuple(
        section.model_copy(update={"blocks": tuple(
            block.model_copy(update={"url": f"{closed}/book"}) if hasattr(block, "url") else
            block.model_copy(update={"register_url": f"{closed}/event"}) if hasattr(block, "register_url") else
            block.model_copy(update={"markdown": block.markdown.replace("https://www.example.org", closed)})
            if hasattr(block, "markdown") else block
            for block in section.blocks)})
        for section in small_issue.sections)})
    window, panel = checked_window(make_window, offline, qtbot)
    with qtbot.waitSignal(panel.links_checked, timeout=20000):
        qtbot.mouseClick(panel.check_links_button, Qt.MouseButton.LeftButton)
    assert [f.message for f in panel.link_findings] == [NO_INTERNET]
    assert panel.link_findings[0].severity == Severity.WARNING

    # a real broken link found by Check links is an error in the Export dialog too
    broken = ButtonBlock(label="Read the report", url=f"{local_site}/missing")
    window2, panel2 = checked_window(make_window, with_buttons(small_issue, broken), qtbot)
    with qtbot.waitSignal(panel2.links_checked, timeout=20000):
        qtbot.mouseClick(panel2.check_links_button, Qt.MouseButton.LeftButton)
    window2.actions_by_name["export"].trigger()
    dialog = next(d for d in window2.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.errors is not None, timeout=10000)
    panel_errors = {f.message for f in panel2.shown_findings() if f.severity == Severity.ERROR}
    assert any("404" in message for message in dialog.errors)
    assert panel_errors <= set(dialog.errors) and "No errors" not in dialog.checks_label.text()
    dialog.reject()
