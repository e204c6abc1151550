"""Issue 19: straight to the mailing provider as a draft, with its pictures, and a test — against local fakes.

The fakes (tests/provider_fakes.py) answer as each provider's public documentation
describes; these stories check what arrives there and what the coordinator is told.
"""

from __future__ import annotations

import base64
import io
import json
import threading

import pytest
from PIL import Image

from provider_fakes import FakeBrevo, FakeListmonk, FakeMailchimp

from composer.export.mailing import (
    Credentials, ProviderRefused, ProviderUnavailable, PushCancelled, PushRequest, push_issue, with_draft,
)
from composer.export.mailing.mailchimp import api_address
from composer.model import ImageBlock, Section


@pytest.fixture
def mailchimp():
    fake = FakeMailchimp()
    yield fake
    fake.close()


@pytest.fixture
def brevo():
    fake = FakeBrevo()
    yield fake
    fake.close()


@pytest.fixture
def listmonk():
    fake = FakeListmonk()
    yield fake
    fake.close()


class Kept:
    """What the issue remembers between pushes (the window and the command line keep it in the file)."""

    def __init__(self, issue):
        self.issue = issue
        self.progress: list[tuple[float, str]] = []

    def remember(self, draft):
        self.issue = with_draft(self.issue, draft)

    def push(self, request, **options):
        return push_issue(self.issue, request, remember=self.remember,
                          progress=lambda fraction, message: self.progress.append((fraction, message)), **options)


def mailchimp_request(fake, base_dir, **changes):
    fields = dict(provider="mailchimp", credentials=Credentials(FakeMailchimp.KEY), api_url=fake.url, base_dir=base_dir)
    fields.update(changes)
    return PushRequest(**fields)


def picture_of(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


# --- Mailchimp: the whole story ------------------------------------------------------------

def test_first_send_makes_a_draft_with_uploaded_pictures_text_and_mailchimp_tags(mailchimp, issue, base_dir):
    kept = Kept(issue)
    result = kept.push(mailchimp_request(mailchimp, base_dir, test_to=("zoe@example.org",)))

    # The key travels as HTTP Basic's password, and only there.
    auth = mailchimp.requests[0].headers["Authorization"]
    assert base64.b64decode(auth.split()[1]).decode().endswith(":" + FakeMailchimp.KEY)
    assert all(FakeMailchimp.KEY not in seen.path + json.dumps(seen.query) for seen in mailchimp.requests)

    # Two local pictures uploaded, each at most twice its display width; the web logo left alone.
    assert [item["name"].rsplit("-", 1)[0] for item in mailchimp.files] == ["volunteers", "fair"]
    widths = {item["name"].split("-")[0]: picture_of(item["data"]).width for item in mailchimp.files}
    assert widths == {"volunteers": 600, "fair": 1168}

    [campaign] = mailchimp.campaigns.values()
    assert campaign["recipients"] == {"list_id": "a1b2c3d4e5"}
    assert campaign["settings"]["subject_line"] == issue.title
    assert campaign["settings"]["title"] == f"{issue.title} – {issue.edition}"
    assert campaign["settings"]["from_name"] == "Café Club" and campaign["settings"]["reply_to"] == "hello@example.org"
    html, text = campaign["content"]["html"], campaign["content"]["plain_text"]
    for item in mailchimp.files:
        assert item["full_size_url"] in html
    assert 'src="images/' not in html and "/images/volunteers.png" not in html
    assert "https://www.example.org/logo.png" in html
    assert "*|UNSUB|*" in html and "Our volunteers" in text and "*|UNSUB|*" in text

    assert mailchimp.tests == [{"campaign": campaign["id"], "test_emails": ["zoe@example.org"], "send_type": "html"}]
    assert result.created and result.uploaded == 2 and result.tested == ("zoe@example.org",)
    [draft] = kept.issue.provider_drafts
    assert (draft.provider, draft.campaign_id, draft.list_id) == ("mailchimp", campaign["id"], "a1b2c3d4e5")
    assert draft.page == f"https://us6.admin.mailchimp.com/campaigns/edit?id={campaign['web_id']}"
    assert FakeMailchimp.KEY not in kept.issue.model_dump_json()
    assert [fraction for fraction, _ in kept.progress] == sorted(fraction for fraction, _ in kept.progress)


def test_sending_again_updates_the_same_draft_and_uploads_nothing_twice(mailchimp, issue, base_dir):
    kept = Kept(issue)
    kept.push(mailchimp_request(mailchimp, base_dir))
    kept.issue = kept.issue.model_copy(update={"title": "Autumn news from the Café Club (corrected)"})
    result = kept.push(mailchimp_request(mailchimp, base_dir))

    assert len(mailchimp.campaigns) == 1 and len(mailchimp.files) == 2
    assert not result.created and result.uploaded == 0 and result.reused == 2
    assert len(mailchimp.seen("POST", "/campaigns$")) == 1 and len(mailchimp.seen("PATCH")) == 1
    [campaign] = mailchimp.campaigns.values()
    assert campaign["settings"]["subject_line"].endswith("(corrected)")


def test_the_data_centre_at_the_end_of_the_key_picks_the_server():
    assert api_address("0123456789abcdef0123456789abcdef-us21") == "https://us21.api.mailchimp.com/3.0"
    with pytest.raises(ProviderRefused, match="does not look like a Mailchimp API key"):
        api_address("not-a-key")


# --- Brevo and listmonk ------------------------------------------------------------------

def test_brevo_copies_the_hosted_pictures_into_its_gallery_and_gets_brevo_tags(issue, base_dir, pictures):
    hosted = issue.hosted_base_url + "/images/"
    website = {hosted + name: (pictures / name).read_bytes() for name in ("volunteers.png", "fair.jpg")}
    fake = FakeBrevo(website=website)
    try:
        kept = Kept(issue.model_copy(update={"provider": "brevo"}))
        request = PushRequest("brevo", Credentials(FakeBrevo.KEY), list_id="7", test_to=("zoe@example.org",),
                              api_url=fake.url, base_dir=base_dir)
        kept.push(request)
        kept.push(request)  # and again: still one campaign
        assert all(seen.headers["api-key"] == FakeBrevo.KEY for seen in fake.requests)
        assert [item["source"] for item in fake.gallery] == [hosted + "volunteers.png", hosted + "fair.jpg"]
        [campaign] = fake.campaigns.values()
        assert campaign["recipients"] == {"listIds": [7]}
        assert campaign["sender"] == {"name": "Café Club", "email": "hello@example.org"}
        assert "{{ unsubscribe }}" in campaign["htmlContent"] and "{{ mirror }}" in campaign["htmlContent"]
        assert "https://img.brevo-user.example/volunteers-" in campaign["htmlContent"]
        assert fake.tests[-1]["emailTo"] == ["zoe@example.org"] and len(fake.seen("PUT")) == 1
    finally:
        fake.close()


def test_brevo_without_a_hosted_address_says_how_to_get_pictures_there(brevo, issue, base_dir):
    kept = Kept(issue.model_copy(update={"provider": "brevo", "hosted_base_url": ""}))
    with pytest.raises(ProviderRefused, match="Brevo takes pictures only from a web address"):
        kept.push(PushRequest("brevo", Credentials(FakeBrevo.KEY), list_id="2", api_url=brevo.url, base_dir=base_dir))
    assert brevo.campaigns == {} and brevo.seen("POST") == []


def test_listmonk_gets_media_uploads_html_alt_body_and_its_own_tags(listmonk, issue, base_dir):
    kept = Kept(issue.model_copy(update={"provider": "listmonk"}))
    request = PushRequest("listmonk", Credentials(FakeListmonk.TOKEN, FakeListmonk.USER), list_id="3",
                          test_to=("coordinator@example.org",), api_url=listmonk.url, base_dir=base_dir)
    result = kept.push(request)
    [campaign] = listmonk.campaigns.values()
    assert campaign["lists"] == [{"id": 3}] and campaign["content_type"] == "html" and campaign["type"] == "regular"
    assert campaign["from_email"] == "Café Club <hello@example.org>"
    assert "{{ UnsubscribeURL }}" in campaign["body"] and "Our volunteers" in campaign["altbody"]
    assert [item["filename"].split("-")[0] for item in listmonk.media] == ["volunteers", "fair"]
    assert all(item["url"] in campaign["body"] for item in listmonk.media)
    assert listmonk.tests[0]["subscribers"] == ["coordinator@example.org"]
    assert result.draft.page == f"{listmonk.url}/admin/campaigns/{campaign['id']}"


def test_listmonk_needs_its_own_address(issue, base_dir):
    with pytest.raises(ProviderRefused, match="listmonk runs on your own server"):
        push_issue(issue, PushRequest("listmonk", Credentials("t", "u"), base_dir=base_dir))


# --- bad input and faults: a clear message, nothing lost, nothing sent twice -----------------

def test_a_wrong_key_is_refused_in_words_and_nothing_is_made(mailchimp, issue, base_dir):
    request = mailchimp_request(mailchimp, base_dir, credentials=Credentials("f" * 32 + "-us6"))
    with pytest.raises(ProviderRefused, match="Mailchimp refused the key while reading the audiences .401"):
        Kept(issue).push(request)
    assert mailchimp.campaigns == {} and mailchimp.files == []


def test_an_unknown_list_names_the_lists_the_account_has(mailchimp, issue, base_dir):
    with pytest.raises(ProviderRefused, match="no audience with the id “nope”.*a1b2c3d4e5 “Members”"):
        Kept(issue).push(mailchimp_request(mailchimp, base_dir, list_id="nope"))
    assert mailchimp.seen("POST") == []


def test_with_two_audiences_she_is_asked_to_choose(issue, base_dir):
    fake = FakeMailchimp(audiences=(("aaa", "Members", 10), ("bbb", "Trustees", 5)))
    try:
        with pytest.raises(ProviderRefused, match="Choose the audience.*has 2"):
            Kept(issue).push(mailchimp_request(fake, base_dir))
    finally:
        fake.close()


def test_network_down_and_an_unknown_address_say_so(issue, base_dir, mailchimp):
    closed = mailchimp.url.replace(str(mailchimp.server.server_address[1]), "9")  # nothing listens on port 9
    with pytest.raises(ProviderUnavailable, match="could not be reached.*did not accept the connection"):
        Kept(issue).push(mailchimp_request(mailchimp, base_dir, api_url=closed))
    with pytest.raises(ProviderUnavailable, match="the address nowhere.invalid was not found"):
        Kept(issue).push(mailchimp_request(mailchimp, base_dir, api_url="http://nowhere.invalid/3.0"))


def test_a_time_out_is_reported_and_the_unanswered_draft_is_not_made_twice(mailchimp, issue, base_dir):
    mailchimp.fail("POST", r"/campaigns$", status=200, after=True, delay=2.5)  # made, but the answer comes too late
    kept = Kept(issue)
    with pytest.raises(ProviderUnavailable, match="did not answer within 1 seconds while creating the draft"):
        kept.push(mailchimp_request(mailchimp, base_dir, timeout=1))
    assert kept.issue.provider_drafts[0].unconfirmed
    result = kept.push(mailchimp_request(mailchimp, base_dir))
    assert len(mailchimp.campaigns) == 1 and not result.created
    assert "was already in Mailchimp" in result.notes[0]
    assert mailchimp.campaigns[result.draft.campaign_id]["content"] is not None


def test_a_server_error_while_creating_is_try_again_later_and_the_retry_makes_one_draft(mailchimp, issue, base_dir):
    mailchimp.fail("POST", r"/campaigns$", status=503, body={"title": "Service Unavailable", "detail": "Down for a moment"})
    kept = Kept(issue)
    with pytest.raises(ProviderUnavailable, match="problem of its own while creating the draft .error 503: Down for a moment"):
        kept.push(mailchimp_request(mailchimp, base_dir))
    assert mailchimp.campaigns == {}
    kept.push(mailchimp_request(mailchimp, base_dir))
    assert len(mailchimp.campaigns) == 1 and len(mailchimp.files) == 2


def test_429_is_waited_out_with_progress_and_sends_once(mailchimp, issue, base_dir):
    mailchimp.fail("POST", r"/campaigns$", status=429, body={"title": "Too Many Requests", "detail": "Slow down"},
                   headers={"Retry-After": "2"})
    kept = Kept(issue)
    kept.push(mailchimp_request(mailchimp, base_dir))
    assert len(mailchimp.seen("POST", r"/campaigns$")) == 2 and len(mailchimp.campaigns) == 1
    waits = [message for _, message in kept.progress if "asks to wait" in message]
    assert waits and "trying again in 2 s" in waits[0]


def test_brevo_rate_limit_reset_header_is_honoured(issue, base_dir, pictures):
    hosted = issue.hosted_base_url + "/images/"
    fake = FakeBrevo(website={hosted + name: (pictures / name).read_bytes() for name in ("volunteers.png", "fair.jpg")})
    fake.fail("GET", "/contacts/lists", status=429, body={"code": "too_many_requests", "message": "Too many requests"},
              headers={"x-sib-ratelimit-limit": 10, "x-sib-ratelimit-remaining": 0, "x-sib-ratelimit-reset": 1})
    try:
        kept = Kept(issue.model_copy(update={"provider": "brevo"}))
        kept.push(PushRequest("brevo", Credentials(FakeBrevo.KEY), list_id="2", api_url=fake.url, base_dir=base_dir))
        assert len(fake.campaigns) == 1
        assert any("trying again in 1 s" in message for _, message in kept.progress)
    finally:
        fake.close()


def test_cancel_while_waiting_sends_nothing_more(mailchimp, issue, base_dir):
    mailchimp.fail("POST", r"/file-manager/files", status=429, body={"title": "Too Many Requests"},
                   headers={"Retry-After": "30"})
    cancel = threading.Event()
    kept = Kept(issue)

    def progress(fraction, message):
        if "asks to wait" in message:
            cancel.set()  # she presses Cancel while the bar says it is waiting

    with pytest.raises(PushCancelled, match="nothing more was sent"):
        push_issue(kept.issue, mailchimp_request(mailchimp, base_dir), remember=kept.remember, progress=progress,
                   cancel=cancel)
    before = len(mailchimp.requests)
    assert mailchimp.files == [] and mailchimp.campaigns == {}
    assert len(mailchimp.requests) == before  # and nothing trickles in afterwards


def test_a_picture_upload_failing_halfway_leaves_no_draft_and_the_retry_resumes(mailchimp, issue, base_dir):
    first_upload_done = []
    original = mailchimp.route

    def second_upload_breaks(seen):
        if seen.method == "POST" and seen.path.endswith("/file-manager/files") and first_upload_done:
            return 500, {"title": "Internal Server Error", "detail": "Storage hiccup"}
        answer = original(seen)
        if seen.path.endswith("/file-manager/files"):
            first_upload_done.append(True)
        return answer

    mailchimp.route = second_upload_breaks
    kept = Kept(issue)
    with pytest.raises(ProviderUnavailable, match="uploading the picture fair.jpg"):
        kept.push(mailchimp_request(mailchimp, base_dir))
    assert mailchimp.campaigns == {}  # no draft pointing at a missing picture
    assert len(kept.issue.provider_drafts[0].pictures) == 1

    mailchimp.route = original
    result = kept.push(mailchimp_request(mailchimp, base_dir))
    assert result.uploaded == 1 and result.reused == 1 and len(mailchimp.files) == 2
    [campaign] = mailchimp.campaigns.values()
    assert all(item["full_size_url"] in campaign["content"]["html"] for item in mailchimp.files)


def test_an_answer_that_is_not_json_is_explained(mailchimp, issue, base_dir):
    mailchimp.fail("GET", "/lists", status=200, raw=b"<html><body>Hotel wi-fi: please log in</body></html>",
                   content_type="text/html")
    with pytest.raises(ProviderUnavailable, match="not its API's JSON .text/html.*login page"):
        Kept(issue).push(mailchimp_request(mailchimp, base_dir))


def test_a_provider_refusing_raw_html_keeps_the_draft_and_says_what_to_do(issue, base_dir):
    fake = FakeMailchimp(refuse_html=True)
    try:
        kept = Kept(issue)
        with pytest.raises(ProviderRefused, match="did not take the HTML as it is.*Copy HTML"):
            kept.push(mailchimp_request(fake, base_dir))
        [campaign] = fake.campaigns.values()
        assert kept.issue.provider_drafts[0].campaign_id == campaign["id"]  # remembered: no duplicate next time
    finally:
        fake.close()


def test_a_bad_picture_stops_everything_before_anything_is_sent(mailchimp, issue, base_dir, pictures):
    (pictures / "broken.jpg").write_bytes((pictures / "fair.jpg").read_bytes()[:3000])
    broken = issue.model_copy(update={"sections": (Section(title="News", blocks=(
        ImageBlock(src="pictures/broken.jpg", alt="Broken", width=300),)),)})
    with pytest.raises(Exception, match="broken.jpg is cut short"):
        Kept(broken).push(mailchimp_request(mailchimp, base_dir))
    assert mailchimp.requests == []


def test_a_test_address_that_is_not_one_is_refused_first(mailchimp, issue, base_dir):
    with pytest.raises(ProviderRefused, match="“zoe at example” is not an e-mail address"):
        Kept(issue).push(mailchimp_request(mailchimp, base_dir, test_to=("zoe at example",)))
    assert mailchimp.requests == []


def test_a_deleted_draft_is_made_again_and_she_is_told(mailchimp, issue, base_dir):
    kept = Kept(issue)
    kept.push(mailchimp_request(mailchimp, base_dir))
    mailchimp.campaigns.clear()  # deleted in Mailchimp meanwhile
    result = kept.push(mailchimp_request(mailchimp, base_dir))
    assert result.created and "no longer in Mailchimp" in result.notes[0] and len(mailchimp.campaigns) == 1


def test_the_draft_record_survives_saving_and_the_next_edition_starts_without_it(mailchimp, issue, base_dir, tmp_path):
    from datetime import date

    from composer.model.carry_forward import new_issue_from
    from composer.storage import load_issue, save_issue

    kept = Kept(issue)
    kept.push(mailchimp_request(mailchimp, base_dir))
    save_issue(kept.issue, tmp_path / "autumn.newsletter")
    reloaded = load_issue(tmp_path / "autumn.newsletter")
    assert reloaded.provider_drafts == kept.issue.provider_drafts
    next_edition, _ = new_issue_from(reloaded, date(2023, 12, 1))
    assert next_edition.provider_drafts == ()


def test_a_draft_whose_record_was_never_saved_is_found_by_name_and_updated(mailchimp, issue, base_dir):
    """The window closed without saving, or the record was undone: sending again still makes no second draft."""
    Kept(issue).push(mailchimp_request(mailchimp, base_dir))
    result = Kept(issue).push(mailchimp_request(mailchimp, base_dir))  # the same issue, with no record
    assert not result.created and len(mailchimp.campaigns) == 1 and "was already in Mailchimp" in result.notes[0]
