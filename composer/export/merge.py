"""Rendering with a provider's merge tags.

Tags such as ``{{ mirror }}`` do not survive the pipeline as they are: the HTML
serializer percent-escapes ``{``, ``}`` and spaces inside ``href``. So the email
is rendered with plain placeholder words, which pass through untouched, and the
real tags are put in their place afterwards.
"""

from __future__ import annotations

import html
from dataclasses import replace

from composer.model import Issue
from composer.render import RenderedEmail, render_email

from .providers import ProviderProfile

_MARK = "NCMERGETAG{}X7Q"
# Every tag the templates know: links in the footer, the preheader in the head, the address as text.
TAG_NAMES = ("unsubscribe", "view_in_browser", "preheader", "update_preferences", "postal_address")


def render_with_tags(issue: Issue, tags: dict[str, str] | None) -> RenderedEmail:
    """Render *issue* with *tags* (see TAG_NAMES) in the footer and head.

    Without tags, or without an unsubscribe tag, the footer has no provider links:
    that is the web version.
    """
    if not tags or not tags.get("unsubscribe"):
        return render_email(issue)
    marks = {key: _MARK.format(key.upper().replace("_", "")) for key, value in tags.items() if value}
    rendered = render_email(issue, merge_tags={key: marks.get(key, "") for key in TAG_NAMES})
    page, text = rendered.html, rendered.text
    for key, mark in marks.items():
        page = page.replace(mark, html.escape(tags[key], quote=True))
        text = text.replace(mark, tags[key])
    return replace(rendered, html=page, text=text)


def render_for_provider(issue: Issue, profile: ProviderProfile | None) -> RenderedEmail:
    return render_with_tags(issue, profile.merge_tags() if profile else None)
