"""The test email: what subscribers will get, sent to the coordinator's own inbox.

Local pictures travel inside the message (multipart/related, referenced by
``cid:``) so the test shows them before they are hosted anywhere.
"""

from __future__ import annotations

import os
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Iterable
from urllib.parse import unquote

from composer.model import ComposerError, Issue
from composer.model.values import email_problem

from .images import local_images
from .merge import render_with_tags
from .providers import ProviderProfile

_IMAGE_SRC = re.compile(r'(\bsrc=")([^"]*)(")')


def build_test_message(issue: Issue, sender: str, recipients: Iterable[str], *,
                       base_dir: str | os.PathLike | None = None,
                       provider: ProviderProfile | None = None) -> EmailMessage:
    """A multipart/alternative email (text, then HTML with inline pictures) with the issue's title as subject."""
    recipients = [address for address in (item.strip() for item in recipients) if address]
    if not recipients:
        raise ComposerError("Give at least one address to send the test to")
    message = EmailMessage()
    message["Subject"] = issue.title
    message["From"] = _address(sender, "sender")
    message["To"] = tuple(_address(item, "recipient") for item in recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_domain(message["From"].addresses[0]))

    # Links the provider would fill in lead nowhere in a test, but show where they will be.
    tags = {"unsubscribe": "#", "view_in_browser": "#" if provider is None or provider.view_in_browser else ""}
    rendered = render_with_tags(issue.model_copy(update={"hosted_base_url": ""}), tags)
    images = local_images(issue, base_dir)
    ids = {image.name: make_msgid(domain="newsletter.invalid") for image in images}
    page = _IMAGE_SRC.sub(lambda match: _to_cid(match, ids), rendered.html)

    message.set_content(rendered.text)
    message.add_alternative(page, subtype="html")
    html_part = message.get_payload()[1]
    for image in images:
        maintype, subtype = image.content_type.split("/", 1)
        html_part.add_related(image.data, maintype, subtype, cid=ids[image.name],
                              filename=image.name, disposition="inline")
    return message


def _to_cid(match: re.Match, ids: dict[str, str]) -> str:
    src = unquote(match[2])
    if src.startswith("images/") and src[len("images/"):] in ids:
        return f"{match[1]}cid:{ids[src[len('images/'):]].strip('<>')}{match[3]}"
    return match[0]


def _address(text: str, role: str) -> Address:
    name, addr = parseaddr(text)
    if not addr or "@" not in addr or email_problem(addr):
        raise ComposerError(f"The {role} address “{text}” is not a valid e-mail address")
    username, domain = addr.rsplit("@", 1)
    return Address(display_name=name, username=username, domain=domain)


def _domain(address: Address) -> str:
    return address.domain or "newsletter.invalid"
