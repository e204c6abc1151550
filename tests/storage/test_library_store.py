"""The library folder: one JSON file per entry, the starter library alongside, damaged files skipped."""

import json

from composer.model import ContactBlock, TextBlock
from composer.model.library import LibraryEntry, entry_from_blocks
from composer.storage.library_store import STARTER_LIBRARY_DIR, LibraryStore, library_dir

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
