"""Export an issue into a folder the coordinator uploads from.

Everything is built in memory first, so a missing picture or a broken template
stops the export before any file is touched. The files are then written into a
hidden folder beside the destination and only moved into place once all are
written, so Cancel or a failure leaves the destination folder exactly as it was.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from composer.limits import GMAIL_CLIP_BYTES
from composer.model import ComposerError, Issue
from composer.render.calendar import calendar_files as calendar_files_of
from composer.storage.atomic import flush_to_disk

from .images import EmailImage, local_images
from .merge import render_for_provider
from .minify import minify_html
from .providers import ProviderProfile, provider_profile


Progress = Callable[[float, str], None]
Cancel = threading.Event | Callable[[], bool] | None


class ExportError(ComposerError):
    """The export folder cannot be used or written."""


class ExportCancelled(ExportError):
    """The coordinator pressed Cancel; the destination folder was left as it was."""


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
    cancel: Cancel = None,
) -> ExportResult:
    """Write ``<slug>.html``, ``.txt``, ``-web.html``, ``.zip``, ``images/`` and the events' ``calendar/*.ics``.

    *provider* is a profile, a profile name, or None for the issue's own
    ``provider``. *base_dir* is where relative picture paths start (the folder
    of the .newsletter file). *progress* gets (fraction done, what is happening).
    *cancel* (an Event or a function) is looked at between steps; once set, the
    export stops with ExportCancelled and the destination is left untouched.
    """
    told = progress or (lambda fraction, message: None)

    def report(fraction: float, message: str) -> None:
        _stop_if_cancelled(cancel, out_dir)
        told(fraction, message)

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
    calendar_files = list(calendar_files_of(issue).items())  # the email's Add to calendar links point at them
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
    written = _write_all(out_dir, contents, report)
    if len(html_bytes) > GMAIL_CLIP_BYTES:
        warnings.append(
            f"The email is {len(html_bytes) / 1024:.0f} KB; Gmail clips messages over "
            f"{GMAIL_CLIP_BYTES // 1024} KB and hides the rest, including the unsubscribe link"
        )
    told(1.0, "Done")
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


def _image_warnings(issue: Issue, profile: ProviderProfile, images: list[EmailImage]) -> list[str]:
    if images and profile.images == "hosted" and not issue.hosted_base_url:
        return [
            f"{profile.title} needs pictures on the web, but the issue has no hosting address: upload "
            "the images folder to your website and set the address in the issue settings"
        ]
    return []


def _stop_if_cancelled(cancel: Cancel, out_dir: Path) -> None:
    if cancel is not None and (cancel.is_set() if isinstance(cancel, threading.Event) else cancel()):
        raise ExportCancelled(f"Export cancelled: nothing was written to {out_dir}.")


def _write_all(out_dir: Path, contents: list[tuple[str, bytes]], report: Progress) -> list[ExportedFile]:
    """Write every file into a hidden folder beside *out_dir*, then move them all into place.

    *report* may raise ExportCancelled before any file; until the files are moved
    (renames, no copying) *out_dir* is untouched, and a failed move puts back what was there.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder; choose a folder to export into")
    created_dirs: list[Path] = []  # the destination's missing parents, removed again on failure
    staging: Path | None = None
    try:
        for directory in reversed((out_dir.parent, *out_dir.parent.parents)):
            if not directory.exists():
                directory.mkdir()
                created_dirs.append(directory)
        staging = _hidden_folder_beside(out_dir, "export")
        for number, (name, data) in enumerate(contents):
            report(0.8 + 0.15 * number / len(contents), "Writing files")
            _write_file(staging / name, data)
        report(0.95, "Moving the files into place")
        _move_into_place(staging, out_dir, [name for name, _ in contents])
    except OSError as error:
        raise ExportError(f"The export could not be written to {out_dir}: {error.strerror or error}") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if not out_dir.exists():
            for directory in reversed(created_dirs):
                try:
                    directory.rmdir()
                except OSError:
                    pass
    return [ExportedFile(out_dir / name, len(data)) for name, data in contents]


def _hidden_folder_beside(out_dir: Path, what: str) -> Path:
    """A new hidden folder with the ordinary permissions (it may become the export folder itself)."""
    folder = out_dir.parent / f".{out_dir.name}.{secrets.token_hex(4)}.{what}"
    folder.mkdir()
    return folder


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        flush_to_disk(file.fileno())


def _move_into_place(staging: Path, out_dir: Path, names: list[str]) -> None:
    """A new folder is one rename; into an existing one, file by file, undone if a rename fails."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        _flush_folder(out_dir.parent)
        return
    backup = _hidden_folder_beside(out_dir, "previous")
    done: list[tuple[Path, Path | None]] = []  # (placed file, its previous version in backup)
    made: list[Path] = []
    try:
        for name in names:
            target = out_dir / name
            for directory in reversed((target.parent, *target.parent.parents)):
                if directory != out_dir and out_dir in directory.parents and not directory.exists():
                    directory.mkdir()
                    made.append(directory)
            previous = None
            if target.exists():
                previous = backup / name
                previous.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, previous)
            done.append((target, previous))
            os.replace(staging / name, target)
    except BaseException:
        for target, previous in reversed(done):
            if previous is not None:
                os.replace(previous, target)
            else:
                target.unlink(missing_ok=True)
        for directory in reversed(made):
            try:
                directory.rmdir()
            except OSError:
                pass
        shutil.rmtree(backup, ignore_errors=True)  # kept if putting back failed: it holds her previous files
        raise
    shutil.rmtree(backup, ignore_errors=True)
    _flush_folder(out_dir)


def _flush_folder(folder: Path) -> None:
    """Make the renames durable where the system allows opening a folder (not Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        flush_to_disk(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
