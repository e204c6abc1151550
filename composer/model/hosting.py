"""Where a picture lives and where the email finds it: one rule for the render, the export, the checks and the preview.

A picture is a web address (left as it is), a file on this computer (relative to the
issue's folder, or absolute), or a picture shipped with the app ("app:social/mastodon.png").
The last two are hosted with the email under ``images/<file name>``, at the issue's
hosted files address when it has one.
"""

from __future__ import annotations

from pathlib import Path

from .values import is_web_address

SHIPPED = "app:"  # a picture that ships with the app, under resources/
# Providers whose Send to … uploads the pictures itself, so no web folder is needed.
PROVIDERS_THAT_UPLOAD_PICTURES = ("mailchimp", "listmonk")


def is_local(source: str) -> bool:
    """A picture the export must host: a file here or one shipped with the app (not empty, not on the web)."""
    return bool(source.strip()) and not is_web_address(source)


def hosted_name(source: str) -> str:
    """The picture's file name under images/, the same for the render, the export and an upload."""
    return source.removeprefix(SHIPPED).replace("\\", "/").rsplit("/", 1)[-1]


def hosted_address(source: str, hosted_base_url: str = "") -> str:
    """What the email's <img src> says: a web address as it is, a local picture where the export hosts it."""
    if not is_local(source):
        return source
    name = hosted_name(source)
    return f"{hosted_base_url.rstrip('/')}/images/{name}" if hosted_base_url else f"images/{name}"


def picture_file(source: str, base_folder: Path | None) -> Path | None:
    """Where a local picture is on this computer, when that can be known (None for web pictures)."""
    if not is_local(source):
        return None
    if source.startswith(SHIPPED):
        from composer.resources import RESOURCES_DIR  # a leaf of path constants: where the app's files are

        shipped = (RESOURCES_DIR / source.removeprefix(SHIPPED)).resolve()
        return shipped if shipped.is_relative_to(RESOURCES_DIR.resolve()) else None  # never outside the app's files
    path = Path(source).expanduser()
    if path.is_absolute():
        return path
    return base_folder / path if base_folder is not None else None
