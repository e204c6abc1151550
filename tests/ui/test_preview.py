"""The live preview follows every edit, at desktop and phone widths, light and dark."""

import json


from composer.ui.outline import BLOCK
from composer.ui.preview import DESKTOP, MOBILE, SIDE_BY_SIDE


def _run_js(qtbot, view, script):
    """The script's result; asked again if a page load swallowed the first answer."""
    for _ in range(10):
        result = []
        view.page().runJavaScript(script, 0, result.append)
        try:
            qtbot.waitUntil(lambda: bool(result), timeout=1000)
        except qtbot.TimeoutError:
            continue
        return result[0]
    raise AssertionError(f"the preview never answered {script!r}")


def _wait_for_preview(qtbot, window, text):
    qtbot.waitUntil(lambda: window.preview.email is not None and text in window.preview.email.html, timeout=10000)
    qtbot.waitUntil(lambda: text in (_run_js(qtbot, window.preview.desktop, "document.body ? document.body.innerText : ''") or ""),
                    timeout=10000)


def test_switching_between_desktop_mobile_and_side_by_side(make_window, small_issue):
    window = make_window(small_issue)
    preview = window.preview
    assert preview.desktop.isVisible() and not preview.mobile.isVisible()
    window.actions_by_name["preview_mobile"].trigger()
    assert preview.mode == MOBILE and preview.mobile.isVisible() and not preview.desktop.isVisible()
    assert preview.mobile.width() == 375
    window.actions_by_name["preview_side"].trigger()
    assert preview.mode == SIDE_BY_SIDE and preview.mobile.isVisible() and preview.desktop.isVisible()
    window.actions_by_name["preview_desktop"].trigger()
    assert preview.mode == DESKTOP


def test_an_edit_reaches_the_preview_and_the_plain_text(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    text = small_issue.sections[0].blocks[0]
    window.document.update_block(text.id, markdown="Our **AGM** moves to Thursday.")
    _wait_for_preview(qtbot, window, "moves to Thursday")
    assert "<strong>AGM</strong>" in window.preview.email.html
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
    quote = small_issue.sections[2].blocks[0]
    _run_js(qtbot, window.preview.desktop,
            f"document.querySelector('[data-block-id={json.dumps(quote.id)}] p').click(); true")
    qtbot.waitUntil(lambda: window.outline.current_item() == (BLOCK, quote.id), timeout=5000)
    assert "text" in window.editor.form.fields and window.editor.form.fields["text"].editor.toPlainText() == quote.text


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
    _run_js(qtbot, window.preview.desktop, "document.querySelector('a[href*=report]').click(); true")
    qtbot.wait(300)
    assert _run_js(qtbot, window.preview.desktop, "location.href") in ("about:blank", "")
    assert "Welcome" in _run_js(qtbot, window.preview.desktop, "document.body.innerText")


def test_sample_issue_fits_the_phone_preview_and_fills_the_desktop_column(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    window.actions_by_name["preview_side"].trigger()
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=10000)
    qtbot.waitUntil(lambda: _run_js(qtbot, window.preview.mobile, "document.readyState") == "complete", timeout=10000)
    qtbot.wait(200)
    assert _run_js(qtbot, window.preview.mobile, "window.innerWidth") == 375
    assert _run_js(qtbot, window.preview.mobile, "document.documentElement.scrollWidth") <= 375
    window.preview.desktop.setMinimumWidth(700)
    qtbot.wait(300)
    width = _run_js(qtbot, window.preview.desktop, "document.querySelector('.nc-content').getBoundingClientRect().width")
    assert 600 <= width <= 640
