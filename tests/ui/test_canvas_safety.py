"""Nothing typed or pasted into the page but words and the email's own formatting reaches the issue;
the exported email and web version never carry the preview's editing marks."""

import zipfile

import lxml.html
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from composer.model import edits
from composer.model.prose import prose_paths

from canvas_driver import place_caret, run_js, wait_for_canvas

HOSTILE = ('<p style="color:red" onclick="steal()" class="x">Kind <b>words</b>'
           '<script>window.stolen = 1</script><style>p{display:none}</style>'
           '<img src="https://tracker.example/pixel.gif" onerror="steal()">'
           '<a href="javascript:steal()">click</a> <a href="https://www.example.org/ok" style="color:red">fine</a>'
           '<iframe src="https://evil.example/"></iframe></p>')


def _field_value(window, block_id, name):
    return getattr(edits.find_block(window.document.issue, block_id), name)


def _assert_clean(value: str) -> None:
    lowered = value.lower()
    for forbidden in ("<", "script", "style", "onclick", "onerror", "javascript", "iframe", "tracker", "steal", "class="):
        assert forbidden not in lowered, f"{forbidden!r} reached the issue: {value!r}"


def test_pasted_html_with_script_style_and_attributes_keeps_only_words_and_formatting(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    text = small_issue.sections[0].blocks[0]
    view = wait_for_canvas(qtbot, window)
    proxy = place_caret(qtbot, view, text.id, "markdown", "end")
    data = QMimeData()
    data.setHtml(HOSTILE)
    data.setText("Kind words click fine")
    QGuiApplication.clipboard().setMimeData(data)
    QTest.keyClick(proxy, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Kind" in _field_value(window, text.id, "markdown"), timeout=5000)
    value = _field_value(window, text.id, "markdown")
    _assert_clean(value)
    assert "**words**" in value and "[fine](https://www.example.org/ok)" in value
    assert run_js(qtbot, view, "window.stolen === undefined") is True


def test_markup_forced_into_the_page_is_reduced_to_words(make_window, qtbot, small_issue):
    """Whatever the page's DOM holds (a drag-and-drop, an extension), only the allow-list is stored."""
    window = make_window(small_issue)
    text = small_issue.sections[0].blocks[0]
    quote = small_issue.sections[2].blocks[0]
    view = wait_for_canvas(qtbot, window)
    for block_id, path in ((text.id, "markdown"), (quote.id, "text")):
        run_js(qtbot, view, f"""(function(){{
          var f = document.querySelector('[data-nc-block="{block_id}"][data-nc-field="{path}"]');
          f.innerHTML = {HOSTILE!r};
          f.dispatchEvent(new InputEvent('input', {{bubbles: true}})); return true; }})()""")
    qtbot.waitUntil(lambda: "Kind" in _field_value(window, text.id, "markdown"), timeout=5000)
    qtbot.waitUntil(lambda: "Kind" in _field_value(window, quote.id, "text"), timeout=5000)
    _assert_clean(_field_value(window, text.id, "markdown"))
    # A one-line field keeps the text the reader saw, never markup.
    assert _field_value(window, quote.id, "text").startswith("Kind words")
    assert "<" not in _field_value(window, quote.id, "text")


def test_the_page_cannot_write_a_field_that_is_not_prose(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    button = small_issue.sections[1].blocks[1]
    view = wait_for_canvas(qtbot, window)
    run_js(qtbot, view, f"""(function(){{
      var f = document.querySelector('[data-nc-block="{button.id}"][data-nc-field="label"]');
      f.setAttribute('data-nc-field', 'url'); f.textContent = 'javascript:steal()';
      f.dispatchEvent(new InputEvent('input', {{bubbles: true}})); return true; }})()""")
    qtbot.wait(300)
    assert _field_value(window, button.id, "url") == button.url
    assert _field_value(window, button.id, "label") == button.label


def test_exported_email_and_web_version_carry_no_editing_marks(make_window, qtbot, sample_issue, tmp_path):
    from composer.export.bundle import export_issue
    from composer.render import render_email

    # Every prose field is marked in the preview…
    preview = lxml.html.document_fromstring(render_email(sample_issue, preview=True).html)
    marked = {(e.get("data-nc-block"), e.get("data-nc-field")) for e in preview.xpath("//*[@data-nc-field]")}
    expected = {(block.id, path) for _, block in sample_issue.all_blocks() for path, _ in prose_paths(block)}
    shown = {pair for pair in expected if pair in marked}
    assert len(shown) >= 0.8 * len(expected) and marked <= expected
    assert all(e.get("contenteditable") in ("true", "plaintext-only") for e in preview.xpath("//*[@data-nc-field]"))

    # …and nothing of it is in what readers get.
    result = export_issue(sample_issue, tmp_path / "out")
    pages = [file.path.read_text(encoding="utf-8") for file in result.files if file.path.suffix == ".html"]
    zip_path = next(file.path for file in result.files if file.path.suffix == ".zip")
    with zipfile.ZipFile(zip_path) as archive:
        pages += [archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".html")]
    assert len(pages) >= 3
    for page in pages:
        tree = lxml.html.document_fromstring(page)
        assert not tree.xpath("//*[@contenteditable]")
        assert not tree.xpath("//*[@data-nc-field or @data-nc-block or @data-block-id or @spellcheck]")
        assert not tree.xpath("//*[contains(@class, 'ncb-')]")
        assert "nc-canvas" not in page and "ncCanvas" not in page and "qwebchannel" not in page.lower()
