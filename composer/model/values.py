"""Checks for the small values users type: links, web addresses, picture sources, e-mail addresses, colours.

They live apart from the block classes so editors can validate a field as the
user types, with the same rule and the same message the model applies.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def url_problem(value: str) -> str | None:
    """Why *value* cannot be a link in an email, or None when it can.

    An empty value is allowed: a coordinator may fill it later and the
    pre-flight checks flag it.
    """
    value = value.strip()
    if not value:
        return None
    if any(ch.isspace() for ch in value):
        return f"the link {value!r} contains spaces"
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ALLOWED_SCHEMES:
        return (
            f"the link {value!r} is not allowed; "
            "use an address starting with https://, http://, mailto: or tel:"
        )
    if scheme in ("http", "https"):
        try:
            host = urlsplit(value).hostname
        except ValueError:
            host = None
        if not host or ("." not in host and host != "localhost"):
            return f"the web address {value!r} has no site name"
    elif scheme == "mailto":
        address = value[len("mailto:"):].split("?", 1)[0]
        if not _EMAIL.match(address):
            return f"the e-mail link {value!r} is not a valid address"
    elif scheme == "tel":
        if not _PHONE.match(value[len("tel:"):]):
            return f"the phone link {value!r} is not a phone number"
    return None


_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])")  # "www.example.org:8080" has a port, not a scheme


def completed_address(value: str) -> str:
    """A link as typed, made whole the way Mailchimp's link boxes do: "www.example.org/agm" is a
    web address (https:// in front), "hello@example.org" an e-mail address (mailto: in front).
    Anything else, a scheme it already has included, is left as typed for ``url_problem`` to judge.
    """
    value = value.strip()
    if not value or _HAS_SCHEME.match(value) or any(ch.isspace() for ch in value):
        return value
    if _EMAIL.match(value):
        return "mailto:" + value
    if value.startswith("//"):
        return "https:" + value
    host = value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "." in host.strip(".") and "@" not in host:
        return "https://" + value
    return value


def is_web_address(value: str) -> bool:
    """Whether *value* is on the web (http:// or https://), as opposed to a file or another kind of link."""
    return value.strip().lower().startswith(("http://", "https://"))


def picture_source_problem(value: str) -> str | None:
    """Why *value* cannot be where a picture comes from (a web address or a file), or None when it can."""
    value = value.strip()
    if ("://" in value or value.lower().startswith(("javascript:", "data:"))) and not is_web_address(value):
        return f"the image source {value!r} must be a web address or a file"
    return None


def email_problem(value: str) -> str | None:
    """Why *value* is not an e-mail address, or None when it is (or is empty)."""
    value = value.strip()
    if value and not _EMAIL.match(value):
        return f"{value!r} is not a valid e-mail address"
    return None


def colour_problem(value: str) -> str | None:
    """Why *value* is not a colour like #1f4e79, or None when it is."""
    if not _COLOUR.match(value):
        return f"{value!r} is not a colour; write it as # and six hex digits, e.g. #1f4e79"
    return None


def web_address_to_url(value: str) -> str:
    """Turn what people write ("www.example.org") into a link an email can use."""
    value = value.strip()
    if value and "://" not in value and not value.startswith(("mailto:", "tel:")):
        return "https://" + value
    return value
