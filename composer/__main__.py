"""Starting Newsletter Composer: `python -m composer`, the installed commands and the desktop bundle.

    newsletter-composer [FILE]           open the composer window (the sample issue if no FILE)
    newsletter-composer <command> …      a headless command (render, validate, check, export, import)
    newsletter-composer --version        print the version
    newsletter-composer-gui [FILE]       the window only (no console window on Windows)
"""

from __future__ import annotations

import os
import sys

from composer import __version__

APP_TITLE = "Newsletter Composer"


def main(argv: list[str] | None = None) -> int:
    """The `newsletter-composer` command: a headless command, --version, or the window."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] in (["--version"], ["-V"]) or opens_window(args):
        return start(args)
    from composer.cli import main as cli_main

    return cli_main(args)


def gui() -> int:
    """The `newsletter-composer-gui` command (a GUI script: no console on Windows)."""
    return start(sys.argv[1:])


def opens_window(args: list[str]) -> bool:
    """Nothing, or one issue file to open: the window (as main.py). Every other command line is for the CLI."""
    return not args or (len(args) == 1 and args[0].lower().endswith(".newsletter") and not args[0].startswith("-"))


def version_text() -> str:
    return f"{APP_TITLE} {__version__}"


def start(args: list[str]) -> int:
    """Everything that is not a headless command: --version, the window, or the sample rendered without a display."""
    if args[:1] in (["--version"], ["-V"]):
        print(version_text())
        return 0
    if not display_available():
        return render_sample_without_display()
    from composer.ui.app import run_app

    return run_app(args)


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def render_sample_without_display() -> int:
    from pathlib import Path

    from composer.cli import render_issue_files
    from composer.resources import SAMPLE_ISSUE

    print("No display found, so the composer window cannot open here.")
    print("Rendering the sample issue instead:")
    for path in render_issue_files(SAMPLE_ISSUE, Path("out")):
        print(f"  {path}  ({path.stat().st_size / 1024:.1f} KB)")
    print("Open the .html file in a browser to see the email.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
