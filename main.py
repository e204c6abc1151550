"""Newsletter Composer.

    python main.py [ISSUE.newsletter]   open the composer window (the sample issue if none)
    python main.py <command> …          a headless command (render, validate, check, export, import, push);
                                        anything else on the command line goes to them too, so a typo
                                        is an error with exit code 2, never a window
"""

import sys


def main() -> int:
    args = sys.argv[1:]
    if not _opens_window(args):
        from composer.cli import main as cli_main

        return cli_main(args)
    from composer.__main__ import start  # the window, or the sample rendered when there is no display

    return start(args)


def _opens_window(args: list[str]) -> bool:
    """Nothing, or one issue file to open: the window. Every other command line is for the CLI."""
    return not args or (len(args) == 1 and args[0].lower().endswith(".newsletter") and not args[0].startswith("-"))


if __name__ == "__main__":
    sys.exit(main())
