"""How fast and in how much memory hostile files are refused by `python main.py import` (issue 23).

Run: .venv/bin/python benchmarks/import_hostile.py

Each file is made in a temporary folder (tests/importers/hostile_files.py) and imported by the
real command in a fresh process; the line gives the exit code, the wall time and the process's
peak memory (ru_maxrss), then the message. Targets: exit 2 with one sentence, under 5 s, bounded
memory. The 90 MB case is the issue's own: a small .docx whose document part unpacks to 90 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ itself is not a package folder: a module there (typing.py) must not hide the standard library's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT / "tests" / "importers"))

import hostile_files as hostile  # noqa: E402

_RUN = """
import resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from composer import cli
code = cli.main(["import", {source!r}, "-o", {output!r}])
print(f"@@ {{code}} {{time.perf_counter() - started:.2f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}}")
"""

_PASTE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from composer.importers import ImportFileError, clean_pasted_html
html = "<p>" + "word " * 900_000 + "</p>"
started = time.perf_counter()
try:
    clean_pasted_html(html)
    code = 0
except ImportFileError as error:
    print(error, file=sys.stderr)
    code = 2
print(f"@@ {{code}} {{time.perf_counter() - started:.2f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cases = [
            ("zip bomb .docx (repeated paragraph, 90 MB inside)", hostile.zip_bomb_docx(folder / "bomb.docx", 90)),
            ("numbered paragraphs .docx (90 MB inside)", hostile.numbered_paragraphs_docx(folder / "big.docx", 90)),
            ("15,000 paragraphs .docx", hostile.many_paragraphs_docx(folder / "long.docx")),
            (".docx that is not a zip", hostile.not_a_zip_docx(folder / "notes.docx")),
            (".docx without its document part", hostile.docx_without_document(folder / "empty.docx")),
            ("text file with one 10 MB line", hostile.text_with_one_long_line(folder / "one-line.txt")),
        ]
        for label, path in cases:
            size = path.stat().st_size
            script = _RUN.format(root=str(ROOT), source=str(path), output=str(folder / "out.newsletter"))
            _report(f"{label} ({size / 1024:,.0f} KB on disk)", script)
        _report("pasted HTML of 4.5 million characters", _PASTE.format(root=str(ROOT)))


def _report(label: str, script: str) -> None:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    line = next((l for l in done.stdout.splitlines() if l.startswith("@@ ")), "@@ ? ? ?")
    code, seconds, megabytes = line.split()[1:]
    message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "(no message)"
    print(f"{label}: exit {code}, {seconds} s, peak {megabytes} MB\n    {message}")


if __name__ == "__main__":
    main()
