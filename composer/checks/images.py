"""Image rules: pictures readers cannot see, or that screen readers cannot describe.

Every picture a block type declares (an image, an icon in a list…) is checked, from its roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from composer.limits import PICTURE_FILE_BYTES
from composer.model import Block, Section
from composer.model.hosting import PROVIDERS_THAT_UPLOAD_PICTURES, is_local, picture_file
from composer.model.naming import block_name, sentence
from composer.model.roles import Part, is_decorative, picture_alt, pictures
from composer.pictures import PictureProblem, check_picture

from .context import CheckContext
from .findings import Finding, Severity

RULE = "images"
# Above this a picture is slow on mobile data and some clients stop loading it.
LARGE_IMAGE_BYTES = 1024 * 1024


def picture_parts(context: CheckContext) -> Iterator[tuple[Section, Block, Part]]:
    """Every picture field of every block, with its block and section."""
    for section, block in context.blocks():
        for part in pictures(block):
            yield section, block, part


def check_image_alt(context: CheckContext) -> Iterator[Finding]:
    for section, block, part in picture_parts(context):
        if part.value and not is_decorative(part) and not picture_alt(part):
            yield Finding(RULE, Severity.ERROR,
                          f"{_name(block)} has no alt text; describe it, or mark it decorative if it adds nothing.",
                          block.id, section.id, part.sibling_path(part.role.alt or part.name))


def check_image_source(context: CheckContext) -> Iterator[Finding]:
    """No picture, a local file nobody can download, or a file that is not there."""
    for section, block, part in picture_parts(context):
        if not part.value:
            yield Finding(RULE, Severity.ERROR, f"{_name(block)} has no picture chosen.", block.id, section.id, part.path)
            continue
        if not is_local(part.value):
            continue
        if not context.issue.hosted_base_url and context.issue.provider not in PROVIDERS_THAT_UPLOAD_PICTURES:
            yield Finding(RULE, Severity.ERROR,
                          f"{_name(block)} is a picture on this computer: readers would see it broken. Send the "
                          "issue with Send to Mailchimp or listmonk (they upload it), or set “Pictures online at” "
                          "in the issue settings to the web folder you put the pictures in.",
                          block.id, section.id, part.path)
        path = picture_file(part.value, context.base_folder)
        if path is not None and not path.is_file():
            yield Finding(RULE, Severity.ERROR, f"{_name(block)}: the file {part.value} cannot be found.",
                          block.id, section.id, part.path)


def check_image_usable(context: CheckContext) -> Iterator[Finding]:
    """A local picture too large, damaged, cut short or in a format mail programs do not show.

    Found here, on the block, before the export or the upload stumbles on it. Only the
    header and a cheap read are needed (composer.pictures), and answers are cached.
    """
    for section, block, part, path in _files(context):
        try:
            check_picture(path)
        except PictureProblem as problem:
            yield Finding(RULE, Severity.ERROR, f"{_name(block)}: {problem}", block.id, section.id, part.path)


def check_image_file_size(context: CheckContext) -> Iterator[Finding]:
    for section, block, part, path in _files(context):
        if LARGE_IMAGE_BYTES < (size := path.stat().st_size) <= PICTURE_FILE_BYTES:
            yield Finding(RULE, Severity.WARNING,
                          f"{_name(block)} is a large file ({size / 1024 / 1024:.1f} MB); "
                          "resize it to about 1200 pixels wide so it loads quickly on phones.",
                          block.id, section.id, part.path)


RULES = [check_image_alt, check_image_source, check_image_usable, check_image_file_size]


def _files(context: CheckContext) -> Iterator[tuple[Section, Block, Part, Path]]:
    """Local pictures that are there (no picture, a web address or a missing file: check_image_source says so)."""
    for section, block, part in picture_parts(context):
        path = picture_file(part.value, context.base_folder)
        if path is not None and path.is_file():
            yield section, block, part, path


def _name(block: Block) -> str:
    return sentence(block_name(block))
