"""Newsletter Composer.

    python main.py [ISSUE.newsletter]   open the composer window (the sample issue if none)
    python main.py <command> …          a headless command (render, validate, check, export, import, push);
                                        anything else on the command line goes to them too, so a typo
                                        is an error with exit code 2, never a window
"""

import os
import sys


def main() -> int:
    args = sys.argv[1:]
    if not _opens_window(args):
        from composer.cli import main as cli_main

        return cli_main(args)
    if not _display_available():
        return _render_sample_without_display()
    from composer.ui.app import run_app

    return run_app(args)


def _opens_window(args: list[str]) -> bool:
    """Nothing, or one issue file to open: the window. Every other command line is for the CLI."""
    return not args or (len(args) == 1 and args[0].lower().endswith(".newsletter") and not args[0].startswith("-"))


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def _render_sample_without_display() -> int:
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
