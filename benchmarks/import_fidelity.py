"""What clean paste keeps of real clipboard captures, and Word import of Word's kinds of numbering.

Run: .venv/bin/python benchmarks/import_fidelity.py [--each] [--kind word|gdocs|libreoffice]

First, Word files built here with python-docx and numbering written as Word writes it (start values,
restarts, lists straight after lists, letters, roman numerals, numbered headings, "1.2" labels, ordinals,
levels without a number, picture bullets; tests/importers/word_list_fidelity.py, whose numbers and labels
are Word's, worked out by hand): numbers right, lists kept apart, words lost, heading labels right, label
changes named in "Needs attention"; then, when
NEWSLETTER_WORD_LIST_FILES names their folder, real Word files from pandoc's tests (GPL, kept out of
this repository) against the numbers Word shows.

Reads the folder named by NEWSLETTER_CLIPBOARD_CAPTURES, else ../shared/clipboard-captures beside
the repository (captures published by CKEditor 4 and 5 with their expected results, GPL/LGPL/MPL,
so kept out of this repository; see the README there), and prints the issue 17 figures: words and links lost,
bold and italic kept, list items kept, nested items at the right depth, Word numbering right,
paragraphs turned into bullets. The measuring is tests/importers/clipboard_fidelity.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ itself is not a package folder: a module there (typing.py) must not hide the standard library's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "importers"))

from clipboard_fidelity import ENVIRONMENT, FIXTURES, MISSING, Figures, capture_html, captures, measure  # noqa: E402

from word_list_fidelity import SCENARIOS, WordFigures, measure as measure_word_file  # noqa: E402
from word_list_fidelity import measure_real_file, real_files  # noqa: E402

from composer.importers import clean_pasted_html, import_docx, visible_text  # noqa: E402
from composer.render.markdown import markdown_to_html  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="a line for every capture that is not perfect")
    parser.add_argument("--kind", help="only captures of this kind")
    options = parser.parse_args()
    word_files(options.each)
    if FIXTURES is None:
        print(f"skipped: {MISSING}", file=sys.stderr)
        sys.exit(2 if os.environ.get(ENVIRONMENT, "").strip() else 0)
    print(f"captures from {FIXTURES}")
    total = Figures()
    started = time.perf_counter()
    chosen = [c for c in captures() if not options.kind or c["kind"] == options.kind]
    for capture in chosen:
        figures = measure(capture, clean_pasted_html(capture_html(capture)))
        total.add(figures)
        if options.each and _faults(figures):
            print(f"{capture['id']}: {_faults(figures)}")
    elapsed = time.perf_counter() - started
    print(f"{len(chosen)} captures in {elapsed:.1f} s")
    print(f"words lost            {total.words_lost} of {total.words}")
    print(f"words added           {len(total.words_added)} {sorted(set(total.words_added))[:20]}")
    print(f"links lost            {len(total.links_lost)} of {total.links}")
    print(f"bold kept             {_pct(total.bold_kept, total.bold)} ({total.bold_kept} of {total.bold} characters)")
    print(f"italic kept           {_pct(total.italic_kept, total.italic)} ({total.italic_kept} of {total.italic} characters)")
    print(f"list items kept       {_pct(total.items_kept, total.items)} ({total.items_kept} of {total.items})")
    print(f"nested depth right    {_pct(total.nested_right, total.nested)} ({total.nested_right} of {total.nested})")
    print(f"numbering right       {_pct(total.numbered_right, total.numbered)} ({total.numbered_right} of {total.numbered})")
    print(f"lists kept apart      {_pct(total.lists_apart_kept, total.lists_apart)} "
          f"({total.lists_apart_kept} of {total.lists_apart} Word lists straight after another list)")
    print(f"paragraphs → bullets  {len(total.paragraphs_made_bullets)}")


def word_files(each: bool) -> None:
    """Import each Word-numbering scenario and print how many numbers and list splits match Word's."""
    total = WordFigures()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for name in SCENARIOS:
            total.add(measure_word_file(name, Path(folder), import_docx, visible_text, markdown_to_html))
    print(f"{len(SCENARIOS)} Word files with Word's numbering in {time.perf_counter() - started:.1f} s")
    _print_word_figures(total, each)
    real_folder, entries, missing = real_files()
    if real_folder is None:
        print(f"skipped real Word files: {missing}\n")
        return
    total = WordFigures()
    with tempfile.TemporaryDirectory() as folder:
        for entry in entries:
            total.add(measure_real_file(entry, real_folder, Path(folder) / "images", import_docx, visible_text,
                                        markdown_to_html))
    print(f"{len(entries)} real Word files from {real_folder}")
    _print_word_figures(total, each)


def _print_word_figures(total: WordFigures, each: bool) -> None:
    if each:
        print("\n".join(f"  {wrong}" for wrong in total.wrong))
    print(f"words lost            {total.words_lost} of {total.words}")
    print(f"numbering right       {_pct(total.numbered_right, total.numbered)} ({total.numbered_right} of {total.numbered})")
    print(f"lists kept apart      {_pct(total.lists_apart_kept, total.lists_apart)} "
          f"({total.lists_apart_kept} of {total.lists_apart} lists straight after another)")
    if total.headings:
        print(f"heading labels right  {_pct(total.headings_right, total.headings)} "
              f"({total.headings_right} of {total.headings} headings Word numbers, or shows without a number)")
    if total.differences:
        print(f"label changes named   {_pct(total.differences_named, total.differences)} "
              f"({total.differences_named} of {total.differences} lists whose labels the email cannot show as Word)")
    print()


def _faults(f: Figures) -> str:
    parts = []
    if f.words_lost:
        parts.append(f"{f.words_lost} words lost")
    if f.words_added:
        parts.append(f"added {f.words_added[:6]}")
    if f.links_lost:
        parts.append(f"links lost {f.links_lost[:3]}")
    if f.bold_kept < f.bold:
        parts.append(f"bold {f.bold_kept}/{f.bold}")
    if f.italic_kept < f.italic:
        parts.append(f"italic {f.italic_kept}/{f.italic}")
    if f.items_kept < f.items:
        parts.append(f"items {f.items_kept}/{f.items}")
    if f.nested_right < f.nested:
        parts.append(f"depth {f.nested_right}/{f.nested}")
    if f.numbered_right < f.numbered:
        parts.append(f"numbers {f.numbered_right}/{f.numbered}")
    if f.lists_apart_kept < f.lists_apart:
        parts.append(f"lists apart {f.lists_apart_kept}/{f.lists_apart}")
    if f.paragraphs_made_bullets:
        parts.append(f"bullets {f.paragraphs_made_bullets[:3]}")
    return "; ".join(parts)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    main()
