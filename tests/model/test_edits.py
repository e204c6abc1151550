from composer.model import HeadingBlock, Section, TextBlock
from composer.model import edits


def test_coordinator_moves_a_block_into_another_section(small_issue):
    intro, webinars = small_issue.sections[0], small_issue.sections[1]
    text = intro.blocks[0]
    moved = edits.move_block(small_issue, text.id, webinars.id, 1)
    assert moved.sections[0].blocks == ()
    assert [b.id for b in moved.sections[1].blocks] == [webinars.blocks[0].id, text.id, webinars.blocks[1].id]
    assert small_issue.sections[0].blocks[0] is text  # the original issue is untouched


def test_moving_down_within_a_section_counts_the_index_before_the_move(small_issue):
    webinars = small_issue.sections[1]
    first, second = webinars.blocks
    moved = edits.move_block(small_issue, first.id, webinars.id, 2)
    assert [b.id for b in moved.sections[1].blocks] == [second.id, first.id]


def test_sections_are_inserted_moved_and_removed(small_issue):
    news = Section(kind="news", title="News", blocks=(HeadingBlock(text="AGM"),))
    issue = edits.insert_section(small_issue, 1, news)
    assert [s.title for s in issue.sections][:2] == ["Introduction", "News"]
    issue = edits.move_section(issue, news.id, len(issue.sections))
    assert issue.sections[-1].id == news.id
    issue = edits.remove_section(issue, news.id)
    assert issue == small_issue


def test_duplicating_gives_new_ids_and_the_same_content(small_issue):
    original = small_issue.sections[0].blocks[0]
    copy = edits.copy_with_new_ids(original)
    assert copy.id != original.id and copy.markdown == original.markdown
    section_copy = edits.copy_section_with_new_ids(small_issue.sections[1])
    assert section_copy.id != small_issue.sections[1].id
    assert {b.id for b in section_copy.blocks}.isdisjoint({b.id for b in small_issue.sections[1].blocks})


def test_update_block_validates_and_keeps_the_id(small_issue):
    text = small_issue.sections[0].blocks[0]
    issue = edits.update_block(small_issue, text.id, markdown="New words")
    assert edits.find_block(issue, text.id) == TextBlock(id=text.id, markdown="New words")
