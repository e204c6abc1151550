"""Full-page screenshots of the sample issue as a phone (375 px) and a desktop (640 px) show it.

Run: .venv/bin/python benchmarks/screenshots.py [OUTPUT_DIR]   (default: out/screenshots)

Uses Debian's Chromium at /usr/bin/chromium through Playwright (never downloads
a browser). Every http/https request from the page is aborted, so nothing
leaves the machine; remote images therefore show as their alt text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from composer.render import render_email  # noqa: E402
from composer.resources import SAMPLE_ISSUE  # noqa: E402
from composer.storage import load_issue  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (375, 640)


def _offline(route):
    if route.request.url.startswith(("http://", "https://")):
        route.abort()
    else:
        route.continue_()


def take_screenshots(out_dir: Path, widths=WIDTHS) -> list[Path]:
    html = render_email(load_issue(SAMPLE_ISSUE)).html
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 800})
                context.route("**/*", _offline)
                page = context.new_page()
                page.set_content(html, wait_until="load")
                path = out_dir / f"sample-issue-{width}px.png"
                page.screenshot(path=str(path), full_page=True)
                context.close()
                paths.append(path)
        finally:
            browser.close()
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="out/screenshots", type=Path)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found; install Debian's chromium package", file=sys.stderr)
        return 1
    for path in take_screenshots(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
