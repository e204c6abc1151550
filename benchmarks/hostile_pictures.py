"""How fast and in how much memory hostile pictures are refused (issue 23), by every reader.

Run: .venv/bin/python benchmarks/hostile_pictures.py

Each picture is made in a temporary folder (tests/hostile_pictures.py) and put in an image
block; then, each in a fresh process: composer.pictures.check_picture (the picker, the
thumbnail and the checks go through it), the picker's email-ready copy (prepare_picture), `python main.py check` (exit 1, the error on the
block) and `python main.py export` (exit 2, one sentence). The line gives the exit code, the
wall time and the process's peak memory (VmHWM: ru_maxrss would carry the parent's over exec). Targets: a clear sentence within 5 s,
bounded memory. A 4000 × 3000 photo and the largest PNG allowed (39.6 megapixels) are measured too:
the cost of good pictures, and the most memory a picture within the bounds can take.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ itself is not a package folder: a module there (typing.py) must not hide the standard library's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile_pictures import HOSTILE, largest_allowed_png, photo_jpeg  # noqa: E402

from composer.model import Brand, ImageBlock, Issue, Section  # noqa: E402
from composer.storage import save_issue  # noqa: E402

_RUN = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
{body}
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"@@ {{code}} {{time.perf_counter() - started:.2f}} {{int(peak) / 1024:.0f}}")
"""
_CHECK_PICTURE = """
from composer.pictures import PictureProblem, check_picture
try:
    check_picture({path!r})
    code = 0
except PictureProblem as problem:
    print(problem, file=sys.stderr)
    code = 2
"""
_PICKER = """
from composer.export.prepare_picture import prepare_picture
from composer.pictures import PictureProblem
try:
    print("copy:", prepare_picture({path!r}, 584).describe(), file=sys.stderr)
    code = 0
except PictureProblem as problem:
    print(problem, file=sys.stderr)
    code = 2
"""
_COMMAND = """
from composer import cli
code = cli.main({argv!r})
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cases = [(name, make(folder / name)) for name, (make, _words) in sorted(HOSTILE.items())]
        cases.append(("a good 4000×3000 photo", photo_jpeg(folder / "photo.jpg", (4000, 3000))))
        cases.append(("a 40 MP photo (7300×5470)", photo_jpeg(folder / "camera.jpg", (7300, 5470))))
        cases.append(("39.6 MP PNG (just allowed)", largest_allowed_png(folder / "poster.png")))
        print(f"{'picture':26} {'on disk':>9}  {'reader':14} {'exit':>4} {'time':>7} {'memory':>8}  message")
        for label, path in cases:
            issue_path = folder / f"{path.stem}.newsletter"
            save_issue(_issue(path.name), issue_path)
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            runs = (("check_picture", _CHECK_PICTURE.format(path=str(path))),
                    ("picker copy", _PICKER.format(path=str(path))),
                    ("main.py check", _COMMAND.format(argv=["check", str(issue_path)])),
                    ("main.py export", _COMMAND.format(argv=["export", str(issue_path), "-o", str(folder / "out")])))
            for reader, body in runs:
                code, seconds, megabytes, message = _measure(body)
                print(f"{label:26} {size:>9}  {reader:14} {code:>4} {seconds:>6}s {megabytes:>6} MB  {message[:110]}")
                label, size = "", ""


def _issue(name: str) -> Issue:
    return Issue(title="Spring news", issue_date=date(2099, 3, 3), send_date=date(2099, 3, 4),
                 preheader="Spring news", provider="mailchimp", hosted_base_url="https://files.example.org/spring",
                 brand=Brand(organisation="Example", email="hello@example.org", footer_address="1 High St"),
                 sections=(Section(kind="news", title="News", blocks=(ImageBlock(src=name, alt="A picture"),)),))


def _measure(body: str) -> tuple[str, str, str, str]:
    script = _RUN.format(root=str(ROOT), body=body)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    marker = [line for line in result.stdout.splitlines() if line.startswith("@@ ")]
    code, seconds, megabytes = marker[-1].split()[1:] if marker else ("?", "?", "?")
    lines = [line.strip() for line in result.stderr.strip().splitlines() if line.strip()]
    lines += [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("error ")]
    return code, seconds, megabytes, (lines[0].strip() if lines else "")


if __name__ == "__main__":
    main()
