"""Recovery copies: unsaved work survives a crash and is offered back on the next start."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from composer.model import Issue, Section, TextBlock
from composer.storage import IssueFileError, dumps_issue, save_issue
from composer.storage import atomic
from composer.storage.locks import this_host
from composer.user_folders import HOME_VARIABLE, data_dir
from composer.storage.recovery import RecoveryError, RecoveryStore, Session

ROOT = Path(__file__).resolve().parents[2]
WORK = Issue(title="Autumn “draft” 🎉", sections=(Section(title="News", blocks=(TextBlock(markdown="Unsaved words"),)),))


def other_live_session() -> Session:
    return Session(pid=os.getppid(), host=this_host(), id="otherlive")


def test_autosave_goes_to_the_data_folder_never_over_the_users_file(tmp_path):
    user_file = tmp_path / "autumn.newsletter"
    save_issue(Issue(title="Saved"), user_file)
    before = user_file.read_bytes()
    entry = RecoveryStore().write("doc-1", WORK, user_file)
    assert entry.path.parent == data_dir() / "recovery"
    assert user_file.read_bytes() == before
    assert entry.original_path == user_file
    assert RecoveryStore().load(entry) == WORK


def test_each_autosave_replaces_the_last_copy_of_that_document():
    store = RecoveryStore()
    store.write("doc-1", Issue(title="First"), None)
    store.write("doc-1", WORK, None)
    store.write("doc-2", Issue(title="Other"), None)
    entries = store.list()
    assert sorted(entry.title for entry in entries) == ["Autumn “draft” 🎉", "Other"]
    assert entries[0].saved_at >= entries[1].saved_at
    assert abs(entries[0].saved_at - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_a_clean_exit_discards_only_its_own_copies():
    mine, theirs = RecoveryStore(), RecoveryStore(session=other_live_session())
    mine.write("doc-1", WORK, None)
    theirs.write("doc-1", WORK, None)
    mine.discard_all_for_session()
    assert [entry.session.id for entry in mine.list()] == ["otherlive"]


def test_copies_of_a_running_instance_are_not_offered_for_restore():
    RecoveryStore(session=other_live_session()).write("doc-1", WORK, None)
    RecoveryStore().write("doc-2", WORK, None)
    assert RecoveryStore().crashed() == []


def test_saving_or_closing_a_document_discards_its_copy():
    store = RecoveryStore()
    store.write("doc-1", WORK, None)
    store.write("doc-2", WORK, None)
    store.discard_document("doc-1")
    assert [entry.doc_key for entry in store.list()] == ["doc-2"]


def test_a_damaged_copy_is_skipped_in_the_list_and_refused_clearly_when_loaded():
    store = RecoveryStore()
    entry = store.write("doc-1", WORK, None)
    (store.folder / "junk.recovery.json").write_text("{not json", encoding="utf-8")
    assert [listed.doc_key for listed in store.list()] == ["doc-1"]
    entry.path.write_text('{"issue": {"format_version": 2, "sections": 5}}', encoding="utf-8")
    with pytest.raises(IssueFileError):
        store.load(entry)
    store.discard(entry)
    with pytest.raises(IssueFileError, match="discarded"):
        store.load(entry)


def test_a_full_disk_during_autosave_is_reported_not_raised_raw(monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as disk:  # only the full disk is undone after, not the test's private home
        disk.setattr(atomic.os, "fsync", full)
        with pytest.raises(RecoveryError, match="the disk is full"):
            RecoveryStore().write("doc-1", WORK, None)
    assert RecoveryStore().list() == []


def test_work_is_restored_exactly_after_the_app_is_killed_mid_edit(tmp_path, app_home):
    """A separate process autosaves, then dies by SIGKILL; the next start finds and restores its work."""
    user_file = tmp_path / "autumn.newsletter"
    save_issue(Issue(title="Last saved"), user_file)
    (tmp_path / "work.newsletter").write_text(dumps_issue(WORK), encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal, sys
        from composer.storage import load_issue
        from composer.storage.recovery import RecoveryStore
        RecoveryStore().write("window-1", load_issue({str(tmp_path / "work.newsletter")!r}), {str(user_file)!r})
        print("autosaved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    environment = {**os.environ, HOME_VARIABLE: str(app_home), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL and "autosaved" in result.stdout, result.stderr

    offered = RecoveryStore().crashed()
    assert len(offered) == 1
    entry = offered[0]
    assert entry.original_path == user_file and entry.title == WORK.title and entry.from_crash
    assert RecoveryStore().load(entry) == WORK
    RecoveryStore().discard_all_for_session()  # declining at start-up keeps the copy
    assert RecoveryStore().crashed() == [entry]
    RecoveryStore().discard(entry)
    assert RecoveryStore().list() == []
