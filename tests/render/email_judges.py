"""The tools nobody here wrote that judge the email, as `setup.sh --tests` installs them.

- Debian's chromium, driven by Playwright (never a downloaded browser), with axe-core injected;
- official MJML (npm `mjml`) for the visible text our email must match;
- SpamAssassin with its local rules.

Each helper skips the test with a clear reason when its tool is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "cache" / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
INSTALL_HINT = "run `bash setup.sh --tests`"

# Official MJML compiles every document given as a JSON list on stdin; prints their HTML as a JSON list.
_OFFICIAL_MJML = """
const mjml2html = require(process.argv[1] + '/mjml');
let input = '';
process.stdin.on('data', chunk => input += chunk);
process.stdin.on('end', async () => {
  const out = [];
  for (const mjml of JSON.parse(input)) {
    const result = await mjml2html(mjml, {validationLevel: 'soft'});
    out.push(result.html);
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def official_mjml(documents: list[str]) -> list[str]:
    """The HTML official MJML makes of each MJML document."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "mjml").is_dir():
        pytest.skip(f"official MJML is not installed in {NODE_MODULES} ({INSTALL_HINT})")
    done = subprocess.run([node, "-e", _OFFICIAL_MJML, str(NODE_MODULES)], input=json.dumps(documents),
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def launch_chromium(playwright):
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} ({INSTALL_HINT})")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def offline(route):
    """Nothing leaves the machine: remote pictures simply fail to load."""
    if route.request.url.startswith(("http://", "https://")):
        route.abort()
    else:
        route.continue_()


def open_email(browser, html: str, width: int, scheme: str = "light"):
    """A page showing *html* at *width* px in the light or dark colour scheme."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    context.route("**/*", offline)
    page = context.new_page()
    page.set_content(html, wait_until="load")
    return page


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page (every rule axe runs by default)."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core is not installed in {NODE_MODULES} ({INSTALL_HINT})")
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


def visible_text(page) -> str:
    """What a reader sees, spaces as a reader sees them: runs of white space count as one space."""
    text = page.evaluate("document.body.innerText").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def spamassassin_report(message: bytes, home: Path) -> tuple[float, list[str]]:
    """SpamAssassin's score and rule names for *message*, with local tests only (no network)."""
    if shutil.which("spamassassin") is None:
        pytest.skip(f"SpamAssassin is not installed ({INSTALL_HINT})")
    env = {**os.environ, "HOME": str(home)}
    done = subprocess.run(["spamassassin", "--local", "--test-mode"], input=message, capture_output=True,
                          env=env, timeout=300, check=True)
    output = done.stdout.decode("utf-8", "replace")
    status = re.search(r"^X-Spam-Status: .*?score=(-?[0-9.]+) .*?tests=(.*?) autolearn", output, re.S | re.M)
    assert status, output[:2000]
    rules = [name.strip() for name in status.group(2).replace("\n", " ").split(",") if name.strip()]
    return float(status.group(1)), rules
