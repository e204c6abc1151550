"""The editing interface inside the preview (issue 16) judged by axe-core, as a screen reader meets it.

The preview page with its editing script and styles opens in Debian's chromium with the app's
channel stood in for; the text toolbar (with its link box), a block's controls, the "+" and the
block palette are all shown, and axe-core finds no violation on the page with them.
"""

import json

import pytest

from composer.model import BLOCK_TITLES, BLOCK_TYPES
from composer.render import render_email
from composer.resources import RESOURCES_DIR, SAMPLE_ISSUE
from composer.storage import load_issue

from email_judges import axe_violations, open_email

CANVAS = RESOURCES_DIR / "canvas"
# The app's side of the channel: every call answered as the app would, nothing done.
_CHANNEL = """
window.qt = {webChannelTransport: {}};
window.QWebChannel = function (transport, ready) {
  var palette = %s;
  var signal = {connect: function () {}};
  var canvas = new Proxy({patch: signal, scaleChanged: signal}, {get: function (kept, name) {
    if (name in kept) { return kept[name]; }
    return function () {
      var answer = arguments[arguments.length - 1];
      if (typeof answer !== 'function') { return; }
      var first = arguments[0];
      setTimeout(function () {  // the app answers later, as over the real channel
        if (name === 'uiScale') { answer(1); }
        else if (name === 'palette') { answer(palette); }
        else if (name === 'checkLink') { answer(JSON.stringify({address: first, problem: ''})); }
        else { answer(''); }
      }, 0);
    };
  }});
  setTimeout(function () { ready({objects: {canvas: canvas}}); }, 0);
};
true;
"""
_ICON = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@pytest.fixture(scope="module")
def preview_html():
    return render_email(load_issue(SAMPLE_ISSUE), preview=True).html


def _open_canvas(browser, html, width):
    page = open_email(browser, html, width)
    palette = json.dumps([{"type": name, "title": BLOCK_TITLES.get(name, name), "icon": _ICON} for name in BLOCK_TYPES])
    page.evaluate(_CHANNEL % json.dumps(palette))
    page.evaluate("([page, ui]) => { window.ncPageStyle = page; window.ncCanvasStyle = ui; }",
                  [(CANVAS / "page.css").read_text(encoding="utf-8"), (CANVAS / "ui.css").read_text(encoding="utf-8")])
    page.add_script_tag(content=(CANVAS / "canvas.js").read_text(encoding="utf-8"))
    page.wait_for_function("window.ncCanvas && window.ncCanvas.ready")
    return page


@pytest.mark.parametrize("width", (375, 640))
def test_the_toolbar_controls_and_palette_have_no_accessibility_problem(browser, preview_html, width):
    page = _open_canvas(browser, preview_html, width)
    try:
        field = page.locator("[data-nc-field][contenteditable=true]").first
        field.click()
        page.keyboard.press("End")
        page.keyboard.press("Shift+ArrowLeft")
        page.keyboard.press("Control+k")  # the toolbar, with its link box open
        page.wait_for_function("!ncCanvas.ui.querySelector('.link-editor').hidden")
        other = page.locator("[data-block-id]").nth(3)  # another block, clear of the toolbar
        other.scroll_into_view_if_needed()
        box = other.bounding_box()
        page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)  # its controls and its "+"
        page.wait_for_function("!ncCanvas.ui.querySelector('.controls').hidden")
        page.evaluate("ncCanvas.ui.querySelector('.add').click()")  # the block palette
        page.wait_for_function("!ncCanvas.ui.querySelector('.palette').hidden")
        shown = page.evaluate("""['.toolbar', '.link-editor', '.controls', '.add', '.palette']
            .filter(s => ncCanvas.ui.querySelector(s).hidden)""")
        assert shown == [], f"not shown: {shown}"
        violations = axe_violations(page)
    finally:
        page.context.close()
    assert violations == [], violations  # none at all, "moderate" ones included (as the email's landmarks)
