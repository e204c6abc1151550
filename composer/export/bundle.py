"""Export an issue into a folder the coordinator uploads from.

Everything is built in memory first, so a missing picture or a broken template
stops the export before any file is touched; only then are the files written,
each atomically.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from composer.limits import GMAIL_CLIP_BYTES
from composer.model import ComposerError, EventBlock, Issue
from composer.render.calendar import CALENDAR_FOLDER, event_ics, ics_filename
from composer.storage import atomic_write_bytes

from .images import EmailImage, local_images
from .merge import render_for_provider
from .minify import minify_html
from .providers import ProviderProfile, provider_profile


Progress = Callable[[float, str], None]


class ExportError(ComposerError):
    """The export folder cannot be used or written."""


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    size: int


@dataclass(frozen=True)
class ExportResult:
    """What the export wrote, and how the email's size compares with Gmail's clip limit."""

    out_dir: Path
    files: tuple[ExportedFile, ...]
    html_size: int
    provider: ProviderProfile
    warnings: tuple[str, ...] = ()
    gmail_clip_limit: int = field(default=GMAIL_CLIP_BYTES)

    @property
    def clipped_by_gmail(self) -> bool:
        return self.html_size > self.gmail_clip_limit

    @property
    def html_path(self) -> Path:
        return self.files[0].path


def export_issue(
    issue: Issue,
    out_dir: str | os.PathLike,
    provider: ProviderProfile | str | None = None,
    minify: bool = False,
    progress: Progress | None = None,
    base_dir: str | os.PathLike | None = None,
) -> ExportResult:
    """Write ``<slug>.html``, ``.txt``, ``-web.html``, ``.zip``, ``images/`` and the events' ``calendar/*.ics``.

    *provider* is a profile, a profile name, or None for the issue's own
    ``provider``. *base_dir* is where relative picture paths start (the folder
    of the .newsletter file). *progress* gets (fraction done, what is happening).
    """
    report = progress or (lambda fraction, message: None)
    profile = provider if isinstance(provider, ProviderProfile) else provider_profile(provider or issue.provider)
    out_dir = Path(out_dir)
    slug = issue.slug()
    warnings: list[str] = []

    report(0.0, "Preparing pictures")
    images = local_images(issue, base_dir)
    report(0.3, "Rendering the email")
    finish = minify_html if minify else (lambda page: page)
    email = render_for_provider(issue, profile)
    report(0.5, "Rendering the web version")
    web = render_for_provider(issue, None)
    report(0.6, "Packing the zip")
    zipped_html = render_for_provider(issue.model_copy(update={"hosted_base_url": ""}), profile).html
    calendar_files = _calendar_files(issue)
    warnings += _image_warnings(issue, profile, images)

    html_bytes = finish(email.html).encode("utf-8")
    contents: list[tuple[str, bytes]] = [
        (f"{slug}.html", html_bytes),
        (f"{slug}.txt", email.text.encode("utf-8")),
        (f"{slug}-web.html", finish(web.html).encode("utf-8")),
        (f"{slug}.zip", _zip(f"{slug}.html", finish(zipped_html), images)),
        *calendar_files,
        *((f"images/{image.name}", image.data) for image in images),
    ]
    report(0.8, "Writing files")
    written = _write_all(out_dir, contents)
    if len(html_bytes) > GMAIL_CLIP_BYTES:
        warnings.append(
            f"The email is {len(html_bytes) / 1024:.0f} KB; Gmail clips messages over "
            f"{GMAIL_CLIP_BYTES // 1024} KB and hides the rest, including the unsubscribe link"
        )
    report(1.0, "Done")
    return ExportResult(out_dir, tuple(written), len(html_bytes), profile, tuple(warnings))


def zip_layout(html_name: str, images: list[EmailImage]) -> list[str]:
    """The zip's entries: the HTML at the root and the pictures in images/, as Mailchimp imports them."""
    return [html_name, *(f"images/{image.name}" for image in images)]


def _zip(html_name: str, page: str, images: list[EmailImage]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(html_name, page.encode("utf-8"))
        for image in images:
            archive.writestr(f"images/{image.name}", image.data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def _calendar_files(issue: Issue) -> list[tuple[str, bytes]]:
    events = [block for _, block in issue.all_blocks() if isinstance(block, EventBlock)]
    if not events:
        return []
    # The email's "Apple and others (.ics)" link points at <hosted_base_url>/<CALENDAR_FOLDER>/<file>.
    return [(f"{CALENDAR_FOLDER}/{ics_filename(event)}", event_ics(event, issue)) for event in events]


def _image_warnings(issue: Issue, profile: ProviderProfile, images: list[EmailImage]) -> list[str]:
    if images and profile.images == "hosted" and not issue.hosted_base_url:
        return [
            f"{profile.title} needs pictures on the web, but the issue has no hosting address: upload "
            "the images folder to your website and set the address in the issue settings"
        ]
    return []


def _write_all(out_dir: Path, contents: list[tuple[str, bytes]]) -> list[ExportedFile]:
    """Write every file or, if one fails, remove the ones this export created."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder; choose a folder to export into")
    created_dirs: list[Path] = []
    created_files: list[Path] = []
    written: list[ExportedFile] = []
    try:
        for name, data in contents:
            path = out_dir / name
            for directory in reversed((path.parent, *path.parent.parents)):
                if not directory.exists():
                    directory.mkdir()
                    created_dirs.append(directory)
            existed = path.exists()
            atomic_write_bytes(path, data)
            if not existed:
                created_files.append(path)
            written.append(ExportedFile(path, len(data)))
    except OSError as error:
        for path in created_files:
            path.unlink(missing_ok=True)
        for directory in reversed(created_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass
        raise ExportError(f"The export could not be written to {out_dir}: {error.strerror or error}") from None
    return written
