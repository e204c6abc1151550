"""British spelling as the coordinator writes: underlines, suggestions, own words and pre-flight findings."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest

from composer.checks import spelling
from composer.checks.findings import Severity
from composer.checks.spelling import (
    SpellChecker,
    SpellingUnavailable,
    check_issue_spelling,
    check_spelling,
    spelling_available,
)
from composer.model.blocks import ButtonBlock, EventBlock, HeadingBlock, QuoteBlock, TextBlock
from composer.model.issue import Issue, Section

pytestmark = pytest.mark.skipif(
    not spelling_available(), reason="enchant has no en_GB dictionary here (apt-get install libenchant-2-2 hunspell-en-gb)"
)


@pytest.fixture
def checker(tmp_path):
    return SpellChecker(tmp_path)


def _words(checker, text, ignored=()):
    return [word for _, _, word in checker.misspellings(text, ignored)]


def test_misspellings_come_with_positions_for_underlining(checker):
    text = "Please read the relavant guidance."
    [(start, end, word)] = checker.misspellings(text)
    assert word == "relavant" and text[start:end] == "relavant"
    assert checker.suggest("relavant")[0] == "relevant"


def test_typos_from_past_issues_are_caught(checker):
    text = "We work efffectively so everyones voice is heard. PARTICPATE HERE"
    assert _words(checker, text) == ["efffectively", "everyones", "PARTICPATE"]
    assert checker.suggest("PARTICPATE")[0] == "PARTICIPATE"
    assert checker.suggest("Relavant")[0] == "Relevant"


def test_american_spellings_are_flagged_with_the_british_form(checker):
    assert _words(checker, "We organize the color scheme and realise our aims.") == ["organize", "color"]
    assert checker.suggest("organize")[0] == "organise"
    assert checker.suggest("organizations")[0] == "organisations"
    assert checker.suggest("color")[0] == "colour"
    assert checker.is_correct("prize") and checker.is_correct("size") and checker.is_correct("citizen")


def test_addresses_numbers_and_acronyms_are_not_words(checker):
    text = (
        "The TASP AGM is on 7th December at 4:30pm; the DfE and 100 LSCPs attend. "
        "See https://tasp.example.org/agm?year=2023, www.example.org.uk or tasp.org.uk/news, "
        "write to info@tasp.example.org, follow @TASP_uk #Safeguarding, "
        "or [book a plce](https://example.org/bokking \"Bokking form\") <https://example.org/wrng>."
    )
    assert _words(checker, text) == ["plce"]


def test_long_words_in_capitals_are_checked_and_curly_apostrophes_count(checker):
    assert _words(checker, "REGISTER FOR THE AGM") == []
    assert _words(checker, "REGISTR HERE") == ["REGISTR"]
    assert _words(checker, "England’s children don’t wait; it’s the partnership’s job") == []
    [(start, end, word)] = checker.misspellings("the partnerhsip’s report")
    assert word == "partnerhsip’s" and (start, end) == (4, 17)


def test_compound_words_point_at_the_wrong_part(checker):
    text = "a long-standing multi-agancy review"
    [(start, end, word)] = checker.misspellings(text)
    assert word == "agancy" and text[start:end] == "agancy"


def test_organisation_words_are_known(checker):
    assert _words(checker, "Cafcass, Ofsted and the NSPCC on wellbeing, adultification and Cafcass’s role") == []


def test_add_to_dictionary_takes_effect_at_once_and_survives_a_restart(tmp_path):
    checker = SpellChecker(tmp_path)
    assert _words(checker, "Toddingtonshire partners") == ["Toddingtonshire"]
    checker.add_to_dictionary("Toddingtonshire")
    assert _words(checker, "Toddingtonshire partners") == []

    restarted = SpellChecker(tmp_path)
    assert _words(restarted, "TODDINGTONSHIRE partners") == []
    assert (tmp_path / "personal-words.txt").read_text(encoding="utf-8") == "Toddingtonshire\n"

    restarted.add_to_dictionary("Ashdene")
    assert (tmp_path / "personal-words.txt").read_text(encoding="utf-8") == "Ashdene\nToddingtonshire\n"


def test_personal_word_list_lives_in_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLETTER_COMPOSER_HOME", str(tmp_path / "home"))
    SpellChecker().add_to_dictionary("Brackenmoor")
    assert (tmp_path / "home" / "data" / "personal-words.txt").read_text(encoding="utf-8") == "Brackenmoor\n"
    assert SpellChecker().is_correct("Brackenmoor")


def test_ignore_in_this_issue_hands_back_the_list_to_save(checker):
    ignored = checker.ignore("Gresswell")
    ignored = checker.ignore("Hodes", ignored)
    ignored = checker.ignore("gresswell", ignored)
    assert ignored == ("Gresswell", "Hodes")
    assert _words(checker, "Maria Gresswell and Dr Deborah Hodes", ignored) == []
    assert _words(checker, "Maria Gresswell and Dr Deborah Hodes") == ["Gresswell", "Hodes"]


def _issue() -> Issue:
    return Issue(
        title="Autum newsletter",
        preheader="News, webinars and vacancys",
        sections=(
            Section(id="news", title="Reserch", blocks=(
                TextBlock(id="text1", markdown="Please read the relavant [report](https://example.org/relavant). "
                                               "The relavant survey closes on 30th Nov."),
                HeadingBlock(id="heading1", text="Multi-agency reforms evaluaton"),
                ButtonBlock(id="button1", label="PARTICPATE HERE", url="https://example.org/survey"),
            )),
            Section(id="webinars", title="Webinars", blocks=(
                EventBlock(id="event1", title="Unveiling LADO: a webinar", description="Join our panel of practitioners.",
                           start=datetime(2023, 11, 7, 10), register_label="REGISTR"),
                QuoteBlock(id="quote1", text="It was a pleasure to serve", attribution="Richard Burows"),
            )),
        ),
    )


def test_pre_flight_names_the_word_the_block_and_suggestions(checker):
    findings = check_issue_spelling(_issue(), checker)
    found = {(f.block_id, f.section_id, f.field, f.word): f for f in findings}
    assert set(found) == {
        (None, None, "title", "Autum"),
        (None, None, "preheader", "vacancys"),
        (None, "news", "title", "Reserch"),
        ("text1", "news", "markdown", "relavant"),
        ("heading1", "news", "text", "evaluaton"),
        ("button1", "news", "label", "PARTICPATE"),
        ("event1", "webinars", "register_label", "REGISTR"),
        ("quote1", "webinars", "attribution", "Burows"),  # a quote's attribution is prose too (issue 15)
    }
    relavant = found[("text1", "news", "markdown", "relavant")]
    assert relavant.rule == "spelling" and relavant.severity is Severity.WARNING
    assert relavant.suggestions[0] == "relevant" and len(relavant.suggestions) <= 3
    assert "“relavant” (2 times)" in relavant.message and "“relevant”" in relavant.message
    assert "text" in relavant.message and "Reserch" in relavant.message
    assert relavant.to_json()["word"] == "relavant"
    button = found[("button1", "news", "label", "PARTICPATE")]
    assert "PARTICIPATE" in button.message and "button" in button.message


def test_words_ignored_in_the_issue_are_not_reported(checker):
    findings = check_issue_spelling(_issue(), checker, ignored=("relavant", "REGISTR"))
    assert {f.word for f in findings} == {"Autum", "vacancys", "Reserch", "evaluaton", "PARTICPATE", "Burows"}


def test_the_checks_engine_rule_uses_the_shared_checker(checker, monkeypatch):
    monkeypatch.setattr(spelling, "shared_checker", lambda: checker)
    context = SimpleNamespace(issue=_issue())
    assert [f.word for f in spelling.spelling_rule(context)] == [f.word for f in check_issue_spelling(_issue(), checker)]
    checker.add_to_dictionary("Reserch")
    assert "Reserch" not in {f.word for f in spelling.spelling_rule(context)}


def test_no_dictionary_is_reported_once_with_how_to_install(monkeypatch):
    with pytest.raises(SpellingUnavailable, match="apt-get install libenchant-2-2 hunspell-en-gb"):
        SpellChecker(language="xx_NOPE")

    def no_dictionary():
        raise SpellingUnavailable("no en_GB dictionary is installed")

    monkeypatch.setattr(spelling, "shared_checker", no_dictionary)
    [finding] = check_spelling(_issue())
    assert finding.rule == "spelling" and "hunspell-en-gb" in finding.message
    assert not spelling_available("xx_NOPE")
