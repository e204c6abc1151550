"""Jinja filters the email and text templates use."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jinja2 import Environment

from composer.model import Issue
from composer.model.hosting import hosted_address

from .calendar import calendar_links
from .colours import stands_out
from .dates import event_when, long_date
from .grouping import shown_blocks
from .markdown import markdown_to_html, markdown_to_text


def install(env: Environment) -> None:
    env.filters.update(
        md=markdown_to_html,
        md_text=markdown_to_text,
        long_date=long_date,
        event_when=_event_when,
        tel=tel_digits,
        site_name=site_name,
        underline=underline,
        image_src=image_src,
        picture_src=picture_src,
        calendar_links=calendar_links,
        shown_blocks=shown_blocks,
        stands_out=stands_out,
    )


def tel_digits(phone: str) -> str:
    """"07880 209 788" → "07880209788" for a tel: link."""
    return re.sub(r"[^0-9+]", "", phone)


def site_name(url: str) -> str:
    """"https://www.example.org/" → "www.example.org": what readers expect to see."""
    parts = urlsplit(url)
    shown = parts.netloc + parts.path.rstrip("/")
    return shown or url


def underline(text: str, char: str) -> str:
    return f"{text}\n{char * max(len(text), 3)}"


def picture_src(source: str, issue: Issue) -> str:
    """Any picture field's address in the email: a web address stays; a local file (or one shipped with
    the app) is referenced where the export will host it (model/hosting.py)."""
    return hosted_address(source, issue.hosted_base_url)


def image_src(block, issue: Issue) -> str:
    """An image block's picture address (picture_src of its source)."""
    return picture_src(block.src, issue)


def _event_when(event, issue: Issue) -> str:
    return event_when(event)
