"""Where the files that ship with the app live, in a checkout and once installed.

In the repository, templates/ and resources/ sit beside composer/. An installed
wheel (and the desktop bundle) carries them inside the package as
composer/_templates and composer/_resources (see pyproject.toml), so the app
finds its files wherever it was installed, not only in an editable checkout.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent  # the repository, when running from a checkout


def _shipped(folder: str) -> Path:
    """The installed copy of a top-level folder when there is one, else the checkout's."""
    installed = PACKAGE_DIR / f"_{folder}"
    return installed if installed.is_dir() else ROOT / folder


RESOURCES_DIR = _shipped("resources")
TEMPLATES_DIR = _shipped("templates")
SAMPLE_ISSUE = RESOURCES_DIR / "samples" / "autumn-2023.newsletter"
HUNSPELL_DIR = RESOURCES_DIR / "dictionary" / "hunspell"
GUIDE_DIR = RESOURCES_DIR / "guide"
ICONS_DIR = RESOURCES_DIR / "icons"
SHARED_SAMPLES_DIR = ROOT.parent / "shared" / "samples"
