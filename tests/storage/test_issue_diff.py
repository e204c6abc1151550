"""Two versions of an issue compared in words, block by block, for the "changed on disk" question."""

from datetime import datetime

from composer.model import EventBlock, Issue, Section, TextBlock, edits
from composer.storage.issue_diff import describe, differences

LONG = ("Our annual general meeting is online this year, on Thursday 7 December at 6pm. Members can vote "
        "on the new constitution and hear about the year ahead from the chair and the treasurer.")


def base():
    return Issue(title="Autumn", sections=(
        Section(id="intro", kind="introduction", title="Introduction", blocks=(
            TextBlock(id="agm", markdown=LONG),
            TextBlock(id="thanks", markdown="Thank you to every volunteer."),
        )),
        Section(id="events", kind="webinars", title="Webinars", blocks=(
            EventBlock(id="talk", title="Early help in practice", start=datetime(2025, 4, 2, 16)),
        )),
    ))


def test_a_changed_word_in_a_long_text_is_shown_with_its_neighbours():
    theirs = base()
    mine = edits.update_block(theirs, "agm", markdown=LONG.replace("6pm", "7pm"))
    [difference] = differences(theirs, mine)
    assert difference.place == "Introduction section › Text “Our annual general meeting is online…”"
    assert difference.change == ("Markdown: theirs “… on Thursday 7 December at [6pm.] Members can vote on the …” · "
                                 "yours “… on Thursday 7 December at [7pm.] Members can vote on the …”")


def test_each_version_s_own_blocks_and_settings_are_listed(tmp_path):
    theirs = edits.update_issue(base(), title="Autumn 2023", brand=base().brand.model_copy(update={"phone": "0800 1"}))
    theirs = edits.insert_block(theirs, "events", 1, TextBlock(id="theirs-new", markdown="Booking opens soon"))
    mine = edits.remove_block(base(), "thanks")
    mine = edits.update_block(mine, "talk", title="Early help, in practice")
    mine = edits.move_block(mine, "talk", "intro", 0)
    found = [str(d) for d in differences(theirs, mine, label=lambda kind, name: f"<{kind}:{name}>")]
    assert found == [
        "Issue settings: <issue:title>: theirs “Autumn 2023” · yours “Autumn”",
        "Issue settings: <issue:brand.phone>: theirs “0800 1” · yours “”",
        "Introduction section › Event “Early help, in practice · 02 Apr 2025”: moved here from Webinars section in their version",
        "Introduction section › Event “Early help, in practice · 02 Apr 2025”: <event:title>: theirs “Early help in practice” · "
        "yours “Early help, in practice”",
        "Introduction section › Text “Thank you to every volunteer.”: only in their version",
        "Webinars section › Text “Booking opens soon”: only in their version",
    ]
    assert describe([]) == "The two versions hold the same content."
    assert describe(differences(theirs, mine)).count("\n• ") == 5


def test_sections_added_on_one_side_are_named_with_their_size():
    theirs = base()
    mine = edits.insert_section(theirs, 2, Section(id="views", kind="your_views", title="", blocks=(TextBlock(),)))
    mine = edits.remove_section(mine, "events")
    assert [str(d) for d in differences(theirs, mine)] == [
        "Your Views section: only in your version (1 block)",
        "Webinars section: only in their version (1 block)",
    ]


def test_identical_versions_have_no_differences():
    assert differences(base(), base()) == []
