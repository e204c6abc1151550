"""How long British spelling takes on a full-length issue.

Run: .venv/bin/python benchmarks/spelling.py [--synthetic] [--repeat N]

Uses resources/samples/autumn-2023.newsletter when it is there, else a
synthetic issue of similar length. The target is a full issue checked in well
under 50 ms, and a paragraph fast enough to re-check on every keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from composer.checks import words  # noqa: E402
from composer.checks.spelling import SpellChecker, _prose_fields, check_issue_spelling  # noqa: E402
from composer.model.blocks import ButtonBlock, HeadingBlock, TextBlock  # noqa: E402
from composer.model.issue import Issue, Section  # noqa: E402
from composer.resources import SAMPLE_ISSUE  # noqa: E402


def main() -> None:
    options = _arguments()
    issue = _sample_or_synthetic(options.synthetic)
    texts = [text for *_, text in _prose_fields(issue) if text]
    words = sum(len(text.split()) for text in texts)
    print(f"issue: {issue.title!r}, {len(texts)} prose fields, {words} words")

    with tempfile.TemporaryDirectory() as home:
        opened = _timed(lambda: SpellChecker(home))
        print(f"open dictionary:                  {opened * 1e3:8.2f} ms")

        cold_underlines = _cold_median(home, lambda checker: _underline_all(checker, texts), options.repeat)
        print(f"underline whole issue, cold:      {cold_underlines * 1e3:8.2f} ms (median of {options.repeat})")

        cold_findings = _cold_median(home, lambda checker: check_issue_spelling(issue, checker), options.repeat)
        print(f"pre-flight findings, cold:        {cold_findings * 1e3:8.2f} ms (includes suggestions)")

        checker = SpellChecker(home)
        check_issue_spelling(issue, checker)
        warm_findings = _median(lambda: check_issue_spelling(issue, checker), options.repeat)
        print(f"pre-flight findings, warm:        {warm_findings * 1e3:8.2f} ms")

        paragraphs = [line for text in texts for line in text.splitlines() if line.strip()]
        repaint = statistics.median(_timed(lambda p=p: checker.misspellings(p)) for p in paragraphs)
        print(f"repaint a paragraph (highlighter):{repaint * 1e6:8.1f} µs median over {len(paragraphs)}")
        typed = statistics.median(_timed(lambda p=p: checker.misspellings(p + " and")) for p in paragraphs)
        print(f"a paragraph just typed in:        {typed * 1e6:8.1f} µs median")


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true", help="use the synthetic issue even if the sample exists")
    parser.add_argument("--repeat", type=int, default=15)
    return parser.parse_args()


def _sample_or_synthetic(synthetic: bool) -> Issue:
    if not synthetic and SAMPLE_ISSUE.exists():
        from composer.storage.issue_file import load_issue
        return load_issue(SAMPLE_ISSUE)
    return synthetic_issue()


def synthetic_issue(sections: int = 8, paragraphs: int = 6) -> Issue:
    """About 3,500 words of partnership news in the shape of a real issue, with a few typos."""
    body = (
        "Our partnership brings together practitioners from health, education, policing and the local "
        "authority so that children are kept safe and families get help early. This term we have "
        "reviewed how information is shared between agencies, and the learning from that review is now "
        "being built into our training offer for designated safeguarding leads. The LSCPs who joined the "
        "webinar on 7th November told us the relavant guidance was hard to find, so we have gathered it "
        "on one page at https://www.example.org.uk/guidance and you can write to info@example.org.uk "
        "with [your questions](https://www.example.org.uk/questions). The DfE consultation closes soon; "
        "please share your views before the deadline, and tell colleagues in neighbouring areas too."
    )
    blocks_per_section = []
    for number in range(sections):
        blocks = [HeadingBlock(text=f"Update {number + 1}: learning from practice reviews")]
        blocks += [TextBlock(markdown=body) for _ in range(paragraphs)]
        blocks.append(ButtonBlock(label="PARTICPATE HERE", url="https://www.example.org.uk/survey"))
        blocks_per_section.append(Section(title=f"News from the network {number + 1}", blocks=tuple(blocks)))
    return Issue(title="Newsletter – Autumn", preheader="News, webinars and vacancies",
                 sections=tuple(blocks_per_section))


def _underline_all(checker: SpellChecker, texts: list[str]) -> None:
    for text in texts:
        checker.misspellings(text)


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _cold_median(home: str, action, repeat: int) -> float:
    """Median time of *action* on a checker that has seen no word yet (dictionary already open)."""
    times = []
    for _ in range(repeat):
        checker = SpellChecker(home)
        words._prose_words.cache_clear()
        words._checkable_form.cache_clear()
        times.append(_timed(lambda: action(checker)))
    return statistics.median(times)


def _median(action, repeat: int) -> float:
    return statistics.median(_timed(action) for _ in range(repeat))


if __name__ == "__main__":
    main()
