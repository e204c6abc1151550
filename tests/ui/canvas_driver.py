"""Acting in the preview page as a person would: keys into the page's focus proxy, clicks at elements.

JavaScript only places the caret, finds where an element is on screen and reads the page back;
typing and clicking go through QTest into the QWebEngineView's focus proxy, like real input.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

MARKER = "window.ncTestMarker"


def run_js(qtbot, view, script: str):
    """The script's result; asked again if a page load swallowed the first answer.

    Arrays and objects do not come back through runJavaScript here: return JSON.stringify(...) for those.
    """
    for _ in range(20):
        result = []
        view.page().runJavaScript(script, 0, result.append)
        try:
            qtbot.waitUntil(lambda: bool(result), timeout=1000)
        except qtbot.TimeoutError:
            continue
        return result[0]
    raise AssertionError(f"the preview never answered {script!r}")


def wait_for_canvas(qtbot, window, view_name: str = "desktop"):
    """The view, once its page is loaded and its channel to the app is up."""
    preview = window.preview
    qtbot.waitUntil(lambda: preview.engine_started, timeout=10000)
    view = getattr(preview, view_name)
    qtbot.waitUntil(lambda: view.ready and view.shown is not None and not preview._awaiting.get(view), timeout=15000)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "!!(window.ncCanvas && window.ncCanvas.ready)") is True, timeout=10000)
    return view


def set_marker(qtbot, view) -> None:
    """A value on window that only survives while the page is not reloaded."""
    run_js(qtbot, view, f"{MARKER} = 'still the same page'; true")


def marker_survives(qtbot, view) -> bool:
    return run_js(qtbot, view, f"{MARKER} || ''") == "still the same page"


def text_of(qtbot, view, block_id: str) -> str:
    return run_js(qtbot, view, f"(function(){{var e = document.querySelector('[data-block-id={json.dumps(block_id)}]');"
                               f" return e ? e.innerText : null;}})()")


def focus_page(qtbot, view):
    """Keyboard focus into the page, as a click into it would give."""
    proxy = view.focusProxy()
    assert proxy is not None, "the page has no focus proxy yet"
    view.window().activateWindow()
    proxy.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(proxy.hasFocus, timeout=3000)
    return proxy


def place_caret(qtbot, view, block_id: str, path: str, at: str | int = "end"):
    """Focus the page and put the caret in a field: at its "end", "start", or after N characters."""
    proxy = focus_page(qtbot, view)
    offset = {"end": -1, "start": 0}.get(at, at) if isinstance(at, str) else at
    ok = run_js(qtbot, view, f"""(function(){{
      var field = document.querySelector('[data-nc-block={json.dumps(block_id)}][data-nc-field={json.dumps(path)}]');
      if (!field) return false;
      field.focus();
      var range = document.createRange(), left = {offset};
      if (left < 0) {{ range.selectNodeContents(field); range.collapse(false); }}
      else {{
        var walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT), node = walker.nextNode();
        range.selectNodeContents(field); range.collapse(true);
        while (node) {{ if (left <= node.length) {{ range.setStart(node, left); range.collapse(true); break; }}
                        left -= node.length; node = walker.nextNode(); }}
      }}
      var s = getSelection(); s.removeAllRanges(); s.addRange(range); return true; }})()""")
    assert ok, f"no field {path} of block {block_id} in the page"
    return proxy


def select_words(qtbot, view, block_id: str, path: str, words: str):
    """Focus the page and select the first occurrence of *words* in a field."""
    proxy = focus_page(qtbot, view)
    ok = run_js(qtbot, view, f"""(function(){{
      var field = document.querySelector('[data-nc-block={json.dumps(block_id)}][data-nc-field={json.dumps(path)}]');
      if (!field) return false;
      field.focus();
      var walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) {{
        var at = node.data.indexOf({json.dumps(words)});
        if (at >= 0) {{ var r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + {len(words)});
                       var s = getSelection(); s.removeAllRanges(); s.addRange(r); return true; }}
      }}
      return false; }})()""")
    assert ok, f"{words!r} is not in field {path} of block {block_id}"
    return proxy


def point_of(qtbot, view, element_js: str) -> QPoint:
    """Where the centre of the element *element_js* evaluates to is, in the view's own pixels."""
    rect = run_js(qtbot, view, f"""(function(){{ var e = {element_js}; if (!e) return null;
      e.scrollIntoView({{block: 'nearest'}}); var r = e.getBoundingClientRect();
      return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]); }})()""")
    rect = json.loads(rect) if rect else None
    assert rect is not None, f"nothing in the page for {element_js}"
    assert rect[2] > 0 and rect[3] > 0, f"{element_js} is not shown"
    zoom = view.zoomFactor()
    return QPoint(round(rect[0] * zoom), round(rect[1] * zoom))


def ui_element(selector: str) -> str:
    """JavaScript for an element of the editing interface (it lives in a shadow tree)."""
    return f"ncCanvas.ui.querySelector({json.dumps(selector)})"


def block_element(block_id: str, inner: str = "") -> str:
    selector = ('[data-block-id="%s"] %s' % (block_id, inner)).strip()
    return f"document.querySelector({json.dumps(selector)})"


def hover(qtbot, view, point: QPoint) -> None:
    proxy = view.focusProxy()
    QTest.mouseMove(proxy, point - QPoint(3, 3))
    qtbot.wait(30)
    QTest.mouseMove(proxy, point)
    qtbot.wait(60)


def click(qtbot, view, point: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    proxy = view.focusProxy()
    QTest.mouseMove(proxy, point)
    qtbot.wait(30)
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, modifier, point)
    qtbot.wait(30)
