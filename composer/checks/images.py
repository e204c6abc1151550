"""Image rules: pictures readers cannot see, or that screen readers cannot describe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from composer.limits import PICTURE_FILE_BYTES
from composer.model import ImageBlock
from composer.pictures import PictureProblem, check_picture

from .context import CheckContext, name_block
from .findings import Finding, Severity

RULE = "images"
# Above this a picture is slow on mobile data and some clients stop loading it.
LARGE_IMAGE_BYTES = 1024 * 1024


def is_web_address(src: str) -> bool:
    return src.startswith(("http://", "https://"))


def local_image_path(block: ImageBlock, base_folder: Path | None) -> Path | None:
    """Where a local image is on this computer, when that can be known."""
    if not block.src or is_web_address(block.src):
        return None
    path = Path(block.src).expanduser()
    if path.is_absolute():
        return path
    return base_folder / path if base_folder is not None else None


def check_image_alt(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks(ImageBlock):
        if block.src and not block.decorative and not block.alt.strip():
            yield Finding(RULE, Severity.ERROR,
                          f"{name_block(block)} has no alt text; describe it, or mark it decorative if it adds nothing.",
                          block.id, section.id, "alt")


def check_image_source(context: CheckContext) -> Iterator[Finding]:
    """No picture, a local file nobody can download, or a file that is not there."""
    for section, block in context.blocks(ImageBlock):
        if not block.src:
            yield Finding(RULE, Severity.ERROR, f"{name_block(block)} has no picture chosen.", block.id, section.id, "src")
            continue
        if is_web_address(block.src):
            continue
        if not context.issue.hosted_base_url:
            yield Finding(RULE, Severity.ERROR,
                          f"{name_block(block)} is a file on this computer and the issue has no hosted files address, "
                          "so readers would see a broken picture.",
                          block.id, section.id, "src")
        path = local_image_path(block, context.base_folder)
        if path is not None and not path.is_file():
            yield Finding(RULE, Severity.ERROR, f"{name_block(block)}: the file {block.src} cannot be found.",
                          block.id, section.id, "src")


def check_image_usable(context: CheckContext) -> Iterator[Finding]:
    """A local picture too large, damaged, cut short or in a format mail programs do not show.

    Found here, on the block, before the export or the upload stumbles on it. Only the
    header and a cheap read are needed (composer.pictures), and answers are cached.
    """
    for section, block in context.blocks(ImageBlock):
        path = local_image_path(block, context.base_folder)
        if path is None or not path.is_file():
            continue  # no picture, a web address, or missing: check_image_source says so
        try:
            check_picture(path)
        except PictureProblem as problem:
            yield Finding(RULE, Severity.ERROR, f"{name_block(block)}: {problem}", block.id, section.id, "src")


def check_image_file_size(context: CheckContext) -> Iterator[Finding]:
    for section, block in context.blocks(ImageBlock):
        path = local_image_path(block, context.base_folder)
        if (path is not None and path.is_file()
                and LARGE_IMAGE_BYTES < (size := path.stat().st_size) <= PICTURE_FILE_BYTES):
            yield Finding(RULE, Severity.WARNING,
                          f"{name_block(block)} is a large file ({size / 1024 / 1024:.1f} MB); "
                          "resize it to about 1200 pixels wide so it loads quickly on phones.",
                          block.id, section.id, "src")


RULES = [check_image_alt, check_image_source, check_image_usable, check_image_file_size]
