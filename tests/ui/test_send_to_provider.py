"""Issue 19 in the window: File → Send to Mailchimp…, the audience from the account, progress, Cancel.

The real main window, the real menu action and dialog, a local Mailchimp fake
(tests/provider_fakes.py) standing in for the API at the key's data centre.
"""

from __future__ import annotations

from datetime import date

import keyring
import pytest
from keyring.backends import fail
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from provider_fakes import FakeMailchimp

from composer.export.mailing import push as push_module
from composer.model import Brand, HeadingBlock, ImageBlock, Issue, Section
from composer.storage import load_issue, save_issue
from composer.ui.send_to_provider import SendToProviderDialog


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    """Like this machine: no system keyring, so the key is typed each time and kept nowhere."""
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    for name in ("MAILCHIMP_API_KEY", "BREVO_API_KEY", "LISTMONK_USER", "LISTMONK_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mailchimp(monkeypatch):
    fake = FakeMailchimp(audiences=(("a1b2c3d4e5", "Members", 1200), ("f6g7h8i9j0", "Trustees", 9)))
    monkeypatch.setattr(push_module, "api_address", lambda key: fake.url)  # the key's data centre → the fake
    yield fake
    fake.close()


@pytest.fixture
def opened(monkeypatch):
    pages = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pages.append(url.toString()) or True)
    return pages


@pytest.fixture
def issue_file(tmp_path):
    folder = tmp_path / "autumn"
    (folder / "pictures").mkdir(parents=True)
    Image.new("RGB", (1800, 1200), (200, 120, 40)).save(folder / "pictures" / "fair.jpg", quality=90)
    issue = Issue(title="Autumn news", edition="Issue 12", issue_date=date(2099, 10, 2), provider="mailchimp",
                  preheader="The fair, and what comes next",
                  brand=Brand(organisation="Café Club", email="hello@example.org", footer_address="1 High St, Leeds"),
                  sections=(Section(kind="news", title="News", blocks=(
                      HeadingBlock(text="Our volunteers"),
                      ImageBlock(src="pictures/fair.jpg", alt="The fair", width=560),)),))
    path = folder / "autumn.newsletter"
    save_issue(issue, path)
    return path


def open_dialog(window, qtbot) -> SendToProviderDialog:
    action = window.actions_by_name["send_to_provider"]
    assert action in window.menu("&File").actions()
    qtbot.waitUntil(lambda: action.text().replace("&", "") == "Send to Mailchimp…", timeout=10_000)  # named once the window is up
    action.trigger()
    dialog = next(item for item in window.findChildren(SendToProviderDialog) if item.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def type_key_and_load(dialog, qtbot, key=FakeMailchimp.KEY):
    dialog.key.setFocus()
    QTest.keyClicks(dialog.key, key)
    QTest.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.audience.count() == 2 and not dialog.is_busy(), timeout=10_000)


def test_coordinator_sends_the_issue_to_mailchimp_and_gets_the_campaign_page(make_window, qtbot, mailchimp, opened,
                                                                               issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    dialog = open_dialog(window, qtbot)
    assert "No system keyring" in dialog.key_note.text() and not dialog.remember_key.isEnabled()
    type_key_and_load(dialog, qtbot)
    assert dialog.audience.itemText(1) == "Trustees (9 contacts)"

    dialog.audience.setCurrentIndex(1)
    QTest.keyClicks(dialog.test_to, "zoe@example.org")
    seen_progress = []
    dialog.progress.valueChanged.connect(seen_progress.append)
    QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.send_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)

    [campaign] = mailchimp.campaigns.values()
    assert campaign["recipients"] == {"list_id": "f6g7h8i9j0"}
    assert mailchimp.files[0]["full_size_url"] in campaign["content"]["html"]
    assert mailchimp.tests[0]["test_emails"] == ["zoe@example.org"]
    assert seen_progress and max(seen_progress) == 100
    assert "Made a new draft in Mailchimp; 1 picture uploaded; a test went to zoe@example.org." in dialog.status.text()
    assert opened == [f"https://us6.admin.mailchimp.com/campaigns/edit?id={campaign['web_id']}"]
    assert dialog.open_button.isVisible() and not dialog.cancel_button.isVisible()

    # The file was saved before sending, so the draft's id went into it; the key went nowhere.
    [draft] = load_issue(issue_file).provider_drafts
    assert draft.campaign_id == campaign["id"] and not window.document.is_modified()
    window.settings.sync()
    assert FakeMailchimp.KEY not in open(window.settings.fileName(), encoding="utf-8").read()
    assert FakeMailchimp.KEY not in issue_file.read_text(encoding="utf-8")

    # Sending again, from a fresh dialog, updates the same draft.
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Close), Qt.MouseButton.LeftButton)
    again = open_dialog(window, qtbot)
    assert "updates the draft made before" in again.findChildren(type(again.status))[0].text()
    type_key_and_load(again, qtbot)
    assert again.audience.currentData() == "f6g7h8i9j0"  # the audience remembered with the draft
    QTest.mouseClick(again.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.result is not None, timeout=20_000)
    assert len(mailchimp.campaigns) == 1 and len(mailchimp.files) == 1
    assert "Updated the draft in Mailchimp, 1 already there" in again.status.text()
    QTest.mouseClick(again.buttons.button(again.buttons.StandardButton.Close), Qt.MouseButton.LeftButton)


def test_cancel_while_mailchimp_asks_to_wait_sends_nothing(make_window, qtbot, mailchimp, opened, issue_file):
    mailchimp.fail("POST", r"/campaigns$", status=429, body={"title": "Too Many Requests"}, headers={"Retry-After": "60"})
    window = make_window(load_issue(issue_file), issue_file)
    dialog = open_dialog(window, qtbot)
    type_key_and_load(dialog, qtbot)
    QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "asks to wait" in dialog.status.text(), timeout=20_000)
    assert dialog.progress.isVisible() and dialog.progress.value() > 0

    QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "nothing more was sent" in dialog.status.text()
    assert mailchimp.campaigns == {} and len(mailchimp.seen("POST", r"/campaigns$")) == 1
    assert opened == [] and dialog.send_button.isEnabled()
    # What was done (the picture uploaded) is remembered, so the next try resumes.
    assert len(window.document.issue.provider_drafts[0].pictures) == 1
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_wrong_key_is_said_in_the_dialog_and_nothing_is_kept(make_window, qtbot, mailchimp, opened, issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    dialog = open_dialog(window, qtbot)
    QTest.keyClicks(dialog.key, "f" * 32 + "-us6")
    QTest.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused the key" in dialog.status.text(), timeout=10_000)
    assert dialog.audience.count() == 0 and window.document.issue.provider_drafts == ()
    QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Load the audiences" in dialog.status.text()
    assert mailchimp.seen("POST") == []
    dialog.reject()


def test_the_menu_item_follows_the_issues_provider(make_window, qtbot, issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    action = window.actions_by_name["send_to_provider"]
    window.document.update_issue(provider="brevo")
    assert action.text().replace("&", "") == "Send to Brevo…" and action.isEnabled()
    window.document.update_issue(provider="listmonk")
    assert action.text().replace("&", "") == "Send to listmonk…"
    window.document.update_issue(provider="campaign_monitor")
    assert action.text().replace("&", "") == "Send to mailing provider…" and not action.isEnabled()
    assert "Mailchimp, Brevo and listmonk" in action.toolTip()


def test_without_a_keyring_the_remember_box_stays_off_whatever_happens(make_window, qtbot, mailchimp, issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    dialog = open_dialog(window, qtbot)
    type_key_and_load(dialog, qtbot)
    assert not dialog.remember_key.isEnabled() and not dialog.remember_key.isChecked()
    dialog.reject()
