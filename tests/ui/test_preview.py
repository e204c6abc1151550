"""The live preview follows every edit, at desktop and phone widths, light and dark."""

import json
import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from composer.model import ImageBlock, Issue, Section, TextBlock
from composer.storage import save_issue
from composer.ui.outline import BLOCK
from composer.ui.preview import DESKTOP, MOBILE, SIDE_BY_SIDE

from canvas_driver import block_element, click, point_of, run_js, text_of, wait_for_canvas

_run_js = run_js


def _wait_for_preview(qtbot, window, text):
    qtbot.waitUntil(lambda: window.preview.email is not None and text in window.preview.email.html, timeout=10000)
    wait_for_canvas(qtbot, window)
    qtbot.waitUntil(lambda: text in (_run_js(qtbot, window.preview.desktop, "document.body ? document.body.innerText : ''") or ""),
                    timeout=10000)


def test_the_window_shows_before_the_web_engine_starts_and_the_preview_follows(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    # The outline and form are usable at once; the web views come up behind them.
    assert window.outline.isVisible() and window.editor.isVisible()
    wait_for_canvas(qtbot, window)
    assert "Welcome to the" in text_of(qtbot, window.preview.desktop, small_issue.sections[0].blocks[0].id)


def test_switching_between_desktop_mobile_and_side_by_side(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    wait_for_canvas(qtbot, window)
    preview = window.preview
    assert preview.desktop.isVisible() and not preview.mobile.isVisible()
    window.actions_by_name["preview_mobile"].trigger()
    assert preview.mode == MOBILE and preview.mobile.isVisible() and not preview.desktop.isVisible()
    assert preview.mobile.width() == 375
    window.actions_by_name["preview_side"].trigger()
    assert preview.mode == SIDE_BY_SIDE and preview.mobile.isVisible() and preview.desktop.isVisible()
    window.actions_by_name["preview_desktop"].trigger()
    assert preview.mode == DESKTOP


def test_side_by_side_shows_the_real_desktop_layout_scaled_to_fit(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    window.actions_by_name["preview_side"].trigger()
    desktop = wait_for_canvas(qtbot, window, "desktop")
    mobile = wait_for_canvas(qtbot, window, "mobile")
    content = "document.querySelector('.nc-content').getBoundingClientRect().width"
    # The pane is narrower than the email at the window's default size: the desktop email is scaled, not reflowed.
    assert desktop.width() < 640
    qtbot.waitUntil(lambda: 600 <= _run_js(qtbot, desktop, content) <= 640, timeout=5000)
    assert _run_js(qtbot, desktop, "window.innerWidth") >= 640
    assert desktop.zoomFactor() < 1
    assert _run_js(qtbot, mobile, "window.innerWidth") == 375
    assert _run_js(qtbot, mobile, content) <= 375
    window.resize(1700, 900)
    qtbot.wait(100)
    window.splitter.setSizes([200, 340, 1160])  # the coordinator widens the preview
    qtbot.waitUntil(lambda: desktop.width() >= 660, timeout=5000)
    assert desktop.zoomFactor() == 1
    qtbot.waitUntil(lambda: 600 <= _run_js(qtbot, desktop, content) <= 640, timeout=5000)


def test_an_edit_reaches_the_preview_and_the_plain_text(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    text = small_issue.sections[0].blocks[0]
    window.document.update_block(text.id, markdown="Our **AGM** moves to Thursday.")
    _wait_for_preview(qtbot, window, "moves to Thursday")
    assert "<strong>AGM</strong>" in window.preview.email.html
    window.preview.tabs.tabBar().setCurrentIndex(1)  # the Plain text tab
    qtbot.waitUntil(lambda: "moves to Thursday" in window.preview.plain_text.toPlainText(), timeout=5000)


def test_dark_mode_shows_the_email_as_a_dark_client_would(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Welcome")
    light = _run_js(qtbot, window.preview.desktop, "getComputedStyle(document.querySelector('.nc-content td')).backgroundColor")
    window.actions_by_name["preview_dark"].trigger()
    qtbot.waitUntil(lambda: _run_js(qtbot, window.preview.desktop,
                                    "getComputedStyle(document.querySelector('.nc-content td')).backgroundColor") != light,
                    timeout=10000)
    dark = _run_js(qtbot, window.preview.desktop, "getComputedStyle(document.querySelector('.nc-content td')).backgroundColor")
    assert dark == "rgb(27, 31, 36)"


def test_clicking_a_block_in_the_preview_selects_it_and_opens_its_editor(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Small steps")
    event = small_issue.sections[1].blocks[0]
    desktop = window.preview.desktop
    # The date line is not prose: clicking it opens the event's structured fields in the form.
    click(qtbot, desktop, point_of(qtbot, desktop, block_element(event.id, "p:nth-of-type(2)")))
    qtbot.waitUntil(lambda: window.outline.current_item() == (BLOCK, event.id), timeout=5000)
    assert "start" in window.editor.form.fields and "register_url" in window.editor.form.fields


def test_selecting_a_block_in_the_outline_scrolls_the_preview_to_it_and_highlights_it(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Small steps")
    contact = small_issue.sections[3].blocks[0]
    window.outline.select_item(BLOCK, contact.id)
    qtbot.waitUntil(lambda: _run_js(qtbot, window.preview.desktop,
                                    f"document.querySelector('[data-block-id={json.dumps(contact.id)}]').style.outlineStyle") == "solid",
                    timeout=5000)


def test_a_render_error_keeps_the_last_good_preview(make_window, qtbot, small_issue, monkeypatch):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Welcome")
    good = window.preview.email

    import composer.render.pipeline as pipeline
    from composer.render import RenderError

    def broken(issue, preview=False):
        raise RenderError("The email template failed: unexpected end of template")

    monkeypatch.setattr(pipeline, "render_email", broken)
    window.document.update_issue(title="Changed title")
    window.preview.render_now()
    qtbot.waitUntil(lambda: window.preview.error.isVisible(), timeout=5000)
    assert "unexpected end of template" in window.preview.error.text()
    assert window.preview.email is good
    assert "Welcome" in _run_js(qtbot, window.preview.desktop, "document.body.innerText")


def test_links_in_the_preview_do_not_navigate_inside_the_app(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Welcome")
    desktop = window.preview.desktop
    before = _run_js(qtbot, desktop, "location.href")
    click(qtbot, desktop, point_of(qtbot, desktop, "document.querySelector('a[href*=report]')"))
    click(qtbot, desktop, point_of(qtbot, desktop, "document.querySelector('a[href*=report]')"),
          Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    assert _run_js(qtbot, desktop, "location.href") == before
    assert "Welcome" in _run_js(qtbot, desktop, "document.body.innerText")


def test_a_picture_chosen_from_the_computer_shows_in_the_preview(make_window, qtbot, tmp_path):
    from PIL import Image

    Image.new("RGB", (120, 80), "#c2410c").save(tmp_path / "team.png")
    folder = tmp_path / "issues"
    folder.mkdir()
    Image.new("RGB", (60, 40), "#1d4f73").save(folder / "beside.png")
    issue = Issue(title="Pictures", sections=(Section(title="News", blocks=(
        ImageBlock(id="absolute", src=str(tmp_path / "team.png"), alt="Our team"),
        ImageBlock(id="relative", src="beside.png", alt="Beside the issue"),
        TextBlock(markdown="Words under the pictures."),
    )),))
    path = folder / "pictures.newsletter"
    save_issue(issue, path)
    window = make_window(issue, path)
    desktop = wait_for_canvas(qtbot, window)
    loaded = "(function(){var i = document.querySelector('[data-block-id=%s] img'); return i && i.complete ? i.naturalWidth : 0;})()"
    qtbot.waitUntil(lambda: _run_js(qtbot, desktop, loaded % "absolute") == 120, timeout=5000)
    qtbot.waitUntil(lambda: _run_js(qtbot, desktop, loaded % "relative") == 60, timeout=5000)
    # The email itself still points where the export will put the pictures.
    assert 'src="images/team.png"' in window.preview.email.html


def test_a_page_over_two_megabytes_shows_the_issue_that_is_open(make_window, qtbot, tmp_path, small_issue):
    paragraph = "A long report paragraph with **bold** words and a [link](https://www.example.org/x). " * 30
    blocks = tuple(TextBlock(markdown=f"Entry {number}. {paragraph}") for number in range(700))
    big = Issue(title="Big issue", sections=(Section(title="Everything", blocks=blocks + (TextBlock(id="lastone", markdown="The very last words."),)),))
    path = tmp_path / "big.newsletter"
    save_issue(big, path)
    window = make_window(small_issue)
    wait_for_canvas(qtbot, window)
    assert window.open_file(path)
    qtbot.waitUntil(lambda: window.preview.email is not None and "The very last words." in window.preview.email.html,
                    timeout=30000)
    assert len(window.preview.email.html.encode()) > 2 * 1024 * 1024
    qtbot.waitUntil(lambda: text_of(qtbot, window.preview.desktop, "lastone") == "The very last words.", timeout=30000)
    assert "Welcome to the" not in _run_js(qtbot, window.preview.desktop, "document.body.innerText")
    assert not window.preview.error.isVisible()


def test_when_a_page_cannot_load_the_preview_says_so_plainly(make_window, qtbot, small_issue, monkeypatch):
    window = make_window(small_issue)
    _wait_for_preview(qtbot, window, "Welcome")
    monkeypatch.setattr(window.preview, "page_bytes", lambda number: None)  # the page can no longer be served
    window.actions_by_name["preview_dark"].trigger()  # a new look: the whole page is loaded again
    qtbot.waitUntil(window.preview.error.isVisible, timeout=10000)
    assert "cannot show this issue" in window.preview.error.text()
    assert window.preview.status.text() == ""  # no "rendered in …" under a page that is not there


def test_a_preview_deleted_without_being_stopped_takes_its_render_thread_with_it(tmp_path):
    """A render thread left running while Qt frees it kills the process (it did in a test's teardown)."""
    script = textwrap.dedent("""
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        from composer.ui.render_worker import RenderWorker
        holder = QWidget()
        RenderWorker(holder)
        holder.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        print("still here")
    """)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NEWSLETTER_COMPOSER_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=environment)
    assert run.returncode == 0 and "still here" in run.stdout, run.stderr
    assert "Destroyed while thread" not in run.stderr
