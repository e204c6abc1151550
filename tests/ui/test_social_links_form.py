"""A coordinator adds her organisation's social profiles and sees their icons in the preview."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from composer.model import edits

from canvas_driver import run_js, wait_for_canvas
from form_driver import choose, type_in_cell


def test_coordinator_adds_social_links_picks_mastodon_and_sees_the_icons(make_window, qtbot, small_issue):
    window = make_window(small_issue.model_copy(update={"hosted_base_url": "https://files.charity.org.uk/spring"}))
    next(action for action in window.add_block_menu.actions() if action.text().replace("&", "") == "Social links").trigger()
    _, block_id = window.outline.current_item()
    bound = window.editor.form.fields["items"]
    table = bound.editor
    assert [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())] == [
        "Network", "Alt text", "Address"]
    assert table.rowCount() == 1 and table.item(0, 1).text() == "Our website"   # the block's default

    type_in_cell(qtbot, table, 0, 2, "https://www.charity.org.uk")
    qtbot.mouseClick(next(b for b in bound.widget.findChildren(QPushButton) if b.text() == "Add profile"),
                     Qt.MouseButton.LeftButton)
    choose(qtbot, table.cellWidget(1, 0), "Mastodon")
    type_in_cell(qtbot, table, 1, 1, "Follow us on Mastodon")
    type_in_cell(qtbot, table, 1, 2, "https://mastodon.social/@charity")

    block = edits.find_block(window.document.issue, block_id)
    assert [(item.network, item.label, item.url, item.icon) for item in block.items] == [
        ("website", "Our website", "https://www.charity.org.uk", "app:social/social-website.png"),
        ("mastodon", "Follow us on Mastodon", "https://mastodon.social/@charity", "app:social/social-mastodon.png"),
    ]

    desktop = wait_for_canvas(qtbot, window)
    script = ("JSON.stringify([...document.querySelectorAll('.nc-social img')]"
              ".map(i => [i.alt, i.naturalWidth, Math.round(i.getBoundingClientRect().width)]))")  # the page is scaled to fit
    qtbot.waitUntil(lambda: run_js(qtbot, desktop, script) ==
                    '[["Our website",64,32],["Follow us on Mastodon",64,32]]', timeout=10000)
