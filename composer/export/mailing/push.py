"""Sending an issue to a provider as a draft campaign, the same draft every time.

The order keeps every fault harmless: the email and its pictures are prepared first (a bad
picture stops everything before anything is sent); the audience is checked; pictures are
uploaded, each remembered as soon as it is there, so a retry resumes; only then is the draft
created or updated, pointing at pictures that all exist. The draft's id is remembered the
moment the provider gives it, and a creation that went unanswered is looked for before
another is made — so nothing is sent twice.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from composer.export.images import EmailImage, local_images
from composer.export.merge import render_for_provider
from composer.export.providers import provider_profile
from composer.model import ComposerError, Issue
from composer.model.hosting import hosted_name, is_local
from composer.model.roles import with_pictures
from composer.model.drafts import ProviderDraft, UploadedPicture
from composer.model.values import email_problem

from .brevo import API_ADDRESS as BREVO_ADDRESS, Brevo
from .campaign import Audience, CampaignContent, Draft, ProviderApi
from .connection import TIMEOUT_SECONDS, Connection, Progress
from .errors import ProviderRefused, PushCancelled
from .keys import Credentials
from .listmonk import Listmonk
from .mailchimp import Mailchimp, api_address

PUSH_PROVIDERS = {"mailchimp": "Mailchimp", "brevo": "Brevo", "listmonk": "listmonk"}
Remember = Callable[[ProviderDraft], None]


@dataclass(frozen=True)
class PushRequest:
    provider: str
    credentials: Credentials
    list_id: str = ""                     # empty: the one remembered, or the account's only list
    test_to: tuple[str, ...] = ()
    api_url: str = ""                     # listmonk's own server, or a test server
    base_dir: Path | None = None          # where relative picture paths start (the issue file's folder)
    timeout: float = TIMEOUT_SECONDS


@dataclass(frozen=True)
class PushResult:
    draft: ProviderDraft
    created: bool                         # a new draft (False: the one made before was updated)
    uploaded: int                         # pictures sent this time
    reused: int                           # pictures already there from before
    tested: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def summary(self, title: str) -> str:
        done = "Made a new draft" if self.created else "Updated the draft"
        pictures = f"; {self.uploaded} picture{'s' * (self.uploaded != 1)} uploaded" if self.uploaded else ""
        kept = f", {self.reused} already there" if self.reused else ""
        test = f"; a test went to {', '.join(self.tested)}" if self.tested else ""
        return f"{done} in {title}{pictures}{kept}{test}."


def provider_title(provider: str) -> str:
    try:
        return PUSH_PROVIDERS[provider]
    except KeyError:
        raise ComposerError(f"Sending a draft works with {', '.join(PUSH_PROVIDERS.values())}; "
                            f"“{provider}” is not one of them. Choose one in Issue settings → Mailing provider.") from None


def connect(issue: Issue, request: PushRequest, progress: Progress | None = None,
            cancel: threading.Event | None = None) -> ProviderApi:
    """The adapter for *request*'s provider, its key checked for shape before anything is sent."""
    title = provider_title(request.provider)
    if not request.credentials.is_complete(request.provider):
        raise ProviderRefused(f"Give the {title} {'API user and token' if request.provider == 'listmonk' else 'API key'}.")
    key, user = request.credentials.key.strip(), request.credentials.user.strip()
    common = dict(timeout=request.timeout, progress=progress, cancel=cancel)
    if request.provider == "mailchimp":
        connection = Connection(title, request.api_url or api_address(key), auth=("newsletter-composer", key), **common)
        return Mailchimp(connection, key)
    if request.provider == "brevo":
        connection = Connection(title, request.api_url or BREVO_ADDRESS, headers={"api-key": key}, **common)
        return Brevo(connection, issue.brand.email)
    if not request.api_url:
        raise ProviderRefused("listmonk runs on your own server: give its address (for example "
                              "https://lists.example.org).")
    sender = f"{issue.brand.organisation} <{issue.brand.email}>" if issue.brand.email else ""
    return Listmonk(Connection(title, request.api_url, auth=(user, key), **common), request.api_url, sender)


def account_audiences(issue: Issue, request: PushRequest, cancel: threading.Event | None = None) -> list[Audience]:
    """The lists in the account, for the dialog's choice (also proves the key works)."""
    api = connect(issue, request, cancel=cancel)
    try:
        return api.audiences()
    finally:
        api.connection.close()


def push_issue(issue: Issue, request: PushRequest, *, remember: Remember = lambda draft: None,
               progress: Progress | None = None, cancel: threading.Event | None = None) -> PushResult:
    """Create, or update the one made before, a draft campaign of *issue*; upload its pictures; send a test.

    *remember* is called with the draft record each time it changes (a picture uploaded,
    the draft's id known): the caller keeps it in the issue. Raises ComposerError
    subclasses: ProviderRefused (fix the input), ProviderUnavailable (try again later),
    PushCancelled.
    """
    report = progress or (lambda fraction, message: None)
    provider_title(request.provider)  # an unknown provider is said before anything else
    addresses = _test_addresses(request.test_to)
    report(0.02, "Preparing the email and its pictures")
    pictures = local_images(issue, request.base_dir)  # every picture checked before anything is sent
    api = connect(issue, request, report, cancel)
    try:
        return _push(issue, request, api, pictures, addresses, remember, report)
    finally:
        api.connection.close()


def _push(issue: Issue, request: PushRequest, api: ProviderApi, pictures: list[EmailImage], addresses: list[str],
          remember: Remember, report: Progress) -> PushResult:
    title = api.title
    step = _Steps(report, api.connection)

    step(0.08, f"Checking the audience in {title}")
    audiences = api.audiences()
    record = next((draft for draft in issue.provider_drafts if draft.provider == request.provider), None) \
        or ProviderDraft(provider=request.provider)
    list_id = _choose_audience(audiences, request.list_id or record.list_id, title)
    notes: list[str] = []
    record = _find_the_draft_made_before(api, record, campaign_name(issue), title, notes, step)
    record = record.model_copy(update={"list_id": list_id})

    addresses_of, uploaded = {}, 0
    for number, picture in enumerate(pictures, 1):
        fingerprint = hashlib.sha256(picture.data).hexdigest()
        address = record.uploaded(fingerprint)
        if address is None:
            step(0.15 + 0.55 * (number - 1) / len(pictures), f"Uploading picture {number} of {len(pictures)}: {picture.name}")
            address = api.upload(picture, _upload_name(picture, fingerprint), issue.hosted_base_url)
            record = record.model_copy(update={"pictures": (*record.pictures, UploadedPicture(
                fingerprint=fingerprint, url=address))})
            remember(record)
            uploaded += 1
        addresses_of[picture.name] = address

    step(0.75, "Putting the email together")
    content = _content(issue, provider_profile(request.provider), addresses_of)
    created = not record.campaign_id
    if created:
        step(0.8, f"Creating the draft in {title}")
        record = record.model_copy(update={"name": content.name, "unconfirmed": True})
        remember(record)  # if the answer is lost, the next send looks for this name first
        try:
            draft = api.create(content, list_id)
        except ProviderRefused:
            remember(record.model_copy(update={"unconfirmed": False}))  # a clear "no": nothing was made
            raise
        record = record.model_copy(update={"campaign_id": draft.id, "page": draft.page, "unconfirmed": False})
        remember(record)
        _fill(api, draft, content, title)
    else:
        step(0.8, f"Updating the draft in {title}")
        draft = api.update(record.campaign_id, content, list_id)
        record = record.model_copy(update={"page": draft.page or record.page, "name": content.name})
        remember(record)

    if addresses:
        step(0.92, f"Sending the test to {', '.join(addresses)}")
        api.send_test(record.campaign_id, content, list_id, addresses)
    report(1.0, "Done")
    return PushResult(record, created, uploaded, len(pictures) - uploaded, tuple(addresses), tuple(notes))


def with_draft(issue: Issue, draft: ProviderDraft) -> Issue:
    """*issue* remembering *draft* (replacing the one for the same provider)."""
    others = tuple(item for item in issue.provider_drafts if item.provider != draft.provider)
    return issue.model_copy(update={"provider_drafts": (*others, draft)})


def campaign_name(issue: Issue) -> str:
    """How the draft is listed in the provider's campaigns: the title, and the edition when it adds something."""
    title = issue.title.strip() or "Newsletter"
    edition = issue.edition.strip()
    return f"{title} – {edition}" if edition and edition.lower() not in title.lower() else title


# --- the steps ------------------------------------------------------------------------------

class _Steps:
    """Reports progress and keeps the connection's idea of how far along we are (for its waits)."""

    def __init__(self, report: Progress, connection: Connection):
        self._report = report
        self._connection = connection

    def __call__(self, fraction: float, message: str) -> None:
        self._connection.fraction = fraction
        if self._connection.cancel.is_set():
            raise PushCancelled("Stopped: nothing more was sent after Cancel was pressed.")
        self._report(fraction, message)


def _test_addresses(addresses) -> list[str]:
    found = [part.strip() for item in addresses for part in str(item).replace(";", ",").split(",") if part.strip()]
    for address in found:
        problem = email_problem(address)
        if problem:
            raise ProviderRefused(f"The test address “{address}” is not an e-mail address: {problem}")
    return found


def _choose_audience(audiences: list[Audience], wanted: str, title: str) -> str:
    if not audiences:
        raise ProviderRefused(f"The {title} account has no audience (list) yet: make one in {title} first.")
    listed = "; ".join(f"{audience.id} “{audience.name}”" for audience in audiences[:10])
    if wanted:
        if any(audience.id == wanted for audience in audiences):
            return wanted
        raise ProviderRefused(f"{title} has no audience with the id “{wanted}”. The account has: {listed}.")
    if len(audiences) == 1:
        return audiences[0].id
    raise ProviderRefused(f"Choose the audience to address: the {title} account has {len(audiences)} ({listed}).")


def _find_the_draft_made_before(api: ProviderApi, record: ProviderDraft, name: str, title: str, notes: list[str],
                                step: _Steps) -> ProviderDraft:
    """The draft to update: the one remembered, if still a draft; else one already there under this issue's name.

    Looking by name covers a creation whose answer was lost, and an issue whose record was
    not saved (or was undone): either way the draft is updated, never made twice.
    """
    if record.campaign_id:
        status = api.draft_status(record.campaign_id)
        if status == "draft":
            return record
        notes.append(f"The draft made before is no longer in {title} (deleted?), so a new one was made." if status is None
                     else f"The campaign made before is no longer a draft in {title} ({status}), so a new draft "
                          "was made and the old one left as it is.")
        return record.model_copy(update={"campaign_id": "", "page": "", "unconfirmed": False})
    wanted = record.name if record.unconfirmed and record.name else name
    step(0.1, f"Looking for a draft of this issue already in {title}")
    found = api.drafts_named(wanted)
    if found:
        notes.append(f"A draft called “{wanted}” was already in {title} (made earlier from this issue); "
                     "it was updated, not made again.")
        return record.model_copy(update={"campaign_id": found[0].id, "page": found[0].page, "unconfirmed": False})
    return record.model_copy(update={"unconfirmed": False})


def _content(issue: Issue, profile, addresses_of: dict[str, str]) -> CampaignContent:
    """The email with the provider's merge tags, its local pictures pointing at their uploaded copies."""
    def hosted(block):
        return with_pictures(block, lambda source: addresses_of[hosted_name(source)] if is_local(source) else source)

    sections = tuple(section.model_copy(update={"blocks": tuple(hosted(block) for block in section.blocks)})
                     for section in issue.sections)
    rendered = render_for_provider(issue.model_copy(update={"sections": sections}), profile)
    return CampaignContent(name=campaign_name(issue), subject=issue.title, preheader=issue.preheader,
                           from_name=issue.brand.organisation, reply_to=issue.brand.email,
                           html=rendered.html, text=rendered.text)


def _fill(api: ProviderApi, draft: Draft, content: CampaignContent, title: str) -> None:
    try:
        api.fill(draft, content)
    except ProviderRefused as refused:
        raise ProviderRefused(
            f"{refused} The draft is in {title} but without this issue's email: {title} did not take the HTML as it "
            "is (some plans only allow their own designs). Copy HTML and paste it into a “code your own” design, "
            "or use Export.") from None


def _upload_name(picture: EmailImage, fingerprint: str) -> str:
    """The picture's own name with a short fingerprint, so two issues' “photo.jpg” never collide there."""
    stem, dot, suffix = picture.name.rpartition(".")
    return f"{stem or picture.name}-{fingerprint[:8]}{dot}{suffix if dot else ''}"
