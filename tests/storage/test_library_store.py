"""The library folder: one JSON file per entry, the starter library alongside, damaged files skipped."""

import json

from composer.model import ContactBlock, TextBlock
from composer.model.library import LibraryEntry, entry_from_blocks, merge_entries
from composer.storage.library_store import STARTER_LIBRARY_DIR, LibraryStore, StaleEntry, library_dir

STARTER_NAMES = {"Contact footer", "Your Views: call for contributions", "Vacancies notice", "Sign-off with signature",
                 "Social links", "Introduction", "Webinars", "Networks", "Stakeholder News", "Afterword"}


def test_the_library_lives_in_the_data_folder(app_home):
    assert library_dir() == app_home / "data" / "library" and library_dir().is_dir()


def test_the_starter_library_is_listed_and_every_entry_loads():
    store = LibraryStore()
    names = {entry.name for entry in store.entries().values()}
    assert STARTER_NAMES <= names and store.problems == []
    webinars = next(e for e in store.entries().values() if e.name == "Webinars")
    assert webinars.kind == "section" and [b.type for b in webinars.section.blocks].count("event") >= 2


def test_a_saved_entry_is_one_file_and_survives_a_restart(tmp_path):
    store = LibraryStore(tmp_path, starter_folder=None)
    entry = entry_from_blocks("Welcome", [TextBlock(markdown="Hello **all**")], ("intro",))
    store.save(entry)
    assert [p.name for p in tmp_path.iterdir()] == [f"{entry.id}.json"]
    assert LibraryStore(tmp_path, starter_folder=None).entries() == {entry.id: entry}


def test_editing_a_starter_entry_writes_the_users_copy_and_leaves_the_shipped_file(tmp_path):
    shipped = (STARTER_LIBRARY_DIR / "starter-contact-footer.json").read_text(encoding="utf-8")
    store = LibraryStore(tmp_path)
    entry = store.entries()["starter-contact-footer"]
    assert store.is_starter(entry.id)
    store.save(entry.model_copy(update={"blocks": (ContactBlock(phone="0800 123"),)}))
    again = LibraryStore(tmp_path)
    assert again.entries()["starter-contact-footer"].blocks[0].phone == "0800 123"
    assert not again.is_starter("starter-contact-footer")
    assert (STARTER_LIBRARY_DIR / "starter-contact-footer.json").read_text(encoding="utf-8") == shipped
    again.delete("starter-contact-footer")
    assert again.is_starter("starter-contact-footer")


def test_a_damaged_entry_file_is_skipped_with_a_warning(tmp_path, caplog):
    good = LibraryEntry(name="Good", kind="blocks", blocks=(TextBlock(markdown="fine"),))
    store = LibraryStore(tmp_path, starter_folder=None)
    store.save(good)
    (tmp_path / "broken.json").write_text("{ not json", encoding="utf-8")
    (tmp_path / "wrong.json").write_text(json.dumps({"name": "No kind"}), encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")

    reloaded = LibraryStore(tmp_path, starter_folder=None)

    assert list(reloaded.entries()) == [good.id]
    assert sorted(problem.split(":")[0] for problem in reloaded.problems) == ["binary.json", "broken.json", "wrong.json"]
    assert "skipping damaged library entry" in caplog.text


# --- two windows on one library folder, and entry files far too large ------------------------------


def test_a_stale_save_is_refused_with_the_newer_entry_and_reload_says_what_changed(tmp_path):
    mine_store, their_store = LibraryStore(tmp_path, starter_folder=None), None
    entry = entry_from_blocks("Footer", [ContactBlock(phone="01632 960 000")], ("contact",))
    first_version = mine_store.save(entry)
    their_store = LibraryStore(tmp_path, starter_folder=None)
    newer = entry.model_copy(update={"blocks": (entry.blocks[0].model_copy(update={"phone": "0800 555 0199"}),)})
    assert their_store.save(newer, base_version=their_store.version(entry.id)) != first_version

    only_a_tag = entry.model_copy(update={"tags": ("contact", "footer")})
    try:
        mine_store.save(only_a_tag, base_version=first_version)
        raise AssertionError("a stale save went through")
    except StaleEntry as stale:
        assert stale.theirs == newer and "changed in another window" in str(stale)
    assert LibraryStore(tmp_path, starter_folder=None).entries()[entry.id] == newer  # nothing overwritten
    assert mine_store.reload() == {entry.id} and mine_store.entries()[entry.id] == newer
    assert mine_store.reload() == set()


def test_merging_keeps_both_windows_changes_to_different_fields():
    base = entry_from_blocks("Footer", [ContactBlock(phone="01632 960 000", email="a@example.org")], ("contact",))
    theirs = base.model_copy(update={"blocks": (base.blocks[0].model_copy(update={"phone": "0800 555 0199"}),)})
    mine = base.model_copy(update={"tags": ("contact", "footer"), "name": "Contact footer"})
    merged = merge_entries(base, mine, theirs)
    assert merged.blocks[0].phone == "0800 555 0199" and merged.tags == ("contact", "footer")
    assert merged.name == "Contact footer"
    clash = base.model_copy(update={"blocks": (base.blocks[0].model_copy(update={"phone": "020 7946 0000"}),)})
    assert merge_entries(base, clash, theirs) is None
    other_field = base.model_copy(update={"blocks": (base.blocks[0].model_copy(update={"email": "b@example.org"}),)})
    assert merge_entries(base, other_field, theirs).blocks[0].model_dump(include={"phone", "email"}) == {
        "phone": "0800 555 0199", "email": "b@example.org"}


def test_an_entry_file_far_too_large_is_skipped_unread(tmp_path):
    good = entry_from_blocks("Welcome", [TextBlock(markdown="Hello")])
    store = LibraryStore(tmp_path, starter_folder=None)
    store.save(good)
    with open(tmp_path / "huge.json", "wb") as file:
        file.truncate(50 * 1024 * 1024)
    store = LibraryStore(tmp_path, starter_folder=None)
    assert list(store.entries()) == [good.id]
    assert store.problems == ["huge.json: the file is 50 MB, more than a library entry can be (5 MB), so it was not read"]


def test_the_issues_linking_an_entry_are_found_among_the_recent_files(tmp_path):
    from composer.model import Issue, Section
    from composer.storage import save_issue
    from composer.storage.library_usage import files_linking

    linked = ContactBlock(phone="1", library_entry="footer-1")
    quoted = TextBlock(markdown='I typed "library_entry": "footer-1" here')
    paths = []
    for name, block in (("uses.newsletter", linked), ("mentions.newsletter", quoted), ("other.newsletter", TextBlock())):
        paths.append(tmp_path / name)
        save_issue(Issue(sections=(Section(blocks=(block,)),)), paths[-1])
    paths.append(tmp_path / "gone.newsletter")
    assert files_linking("footer-1", paths) == [tmp_path / "uses.newsletter"]
