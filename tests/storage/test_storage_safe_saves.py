"""A save that cannot finish tells the coordinator why and leaves the last good file alone."""

import errno
import os
import time

import pytest

from composer.model import Issue, Section, TextBlock
from composer.storage import IssueFileError, IssueSaveError, load_issue, save_issue
from composer.storage import atomic
from composer.storage.atomic import remove_leftover_temps
from composer.storage.backups import backup_path, save_with_backup
from composer.storage.disk_version import ChangedOnDisk, content_hash, current_version

OLD = Issue(title="Autumn", sections=(Section(title="News", blocks=(TextBlock(markdown="The good version"),)),))
NEW = Issue(title="Autumn", sections=(Section(title="News", blocks=(TextBlock(markdown="Newer words"),)),))


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "autumn.newsletter"
    save_issue(OLD, path)
    return path


def leftovers(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def fail_with(error):
    def fail(*args, **kwargs):
        raise error
    return fail


@pytest.mark.parametrize("target", ["fsync", "replace"])
def test_coordinator_saving_to_a_full_disk_is_told_and_keeps_the_old_file(saved, monkeypatch, target):
    before = saved.read_bytes()
    monkeypatch.setattr(atomic.os, target, fail_with(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(IssueSaveError) as caught:
        save_issue(NEW, saved)
    assert str(caught.value).startswith("autumn.newsletter: could not be saved: the disk is full")
    assert "previous version on disk is unchanged" in str(caught.value)
    monkeypatch.undo()
    assert saved.read_bytes() == before and load_issue(saved) == OLD
    assert leftovers(saved.parent) == []


def test_a_write_cut_off_half_way_leaves_no_half_written_issue(saved, monkeypatch):
    """The disk fills after part of the data is written: the real file never sees any of it."""
    before = saved.read_bytes()
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.file = real_fdopen(handle, "wb")

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    monkeypatch.setattr(atomic.os, "fdopen", lambda handle, mode: HalfWriter(handle))
    with pytest.raises(IssueSaveError, match="the disk is full"):
        save_issue(NEW, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


@pytest.mark.parametrize("target", ["mkstemp", "replace"])
def test_coordinator_saving_into_a_read_only_folder_is_told_why(saved, monkeypatch, target):
    # Tests run as root, where chmod does not stop writes, so the refusal is simulated.
    before = saved.read_bytes()
    owner = atomic.tempfile if target == "mkstemp" else atomic.os
    monkeypatch.setattr(owner, target, fail_with(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(IssueSaveError) as caught:
        save_issue(NEW, saved)
    assert "read-only" in str(caught.value) and "autumn.newsletter" in str(caught.value)
    assert isinstance(caught.value, IssueFileError)  # reported wherever file problems are
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_saving_into_a_folder_that_has_gone_says_so(tmp_path):
    with pytest.raises(IssueSaveError, match="the folder no longer exists"):
        save_issue(NEW, tmp_path / "gone" / "autumn.newsletter")


def test_saving_over_a_folder_of_the_same_name_is_refused_clearly(tmp_path):
    (tmp_path / "autumn.newsletter").mkdir()
    with pytest.raises(IssueSaveError):
        save_issue(NEW, tmp_path / "autumn.newsletter")
    assert leftovers(tmp_path) == []


def test_saving_keeps_the_previous_version_as_a_bak(saved):
    backup = save_with_backup(NEW, saved).backup
    assert backup == saved.with_name("autumn.newsletter.bak") == backup_path(saved)
    assert load_issue(backup) == OLD
    assert load_issue(saved) == NEW


def test_saving_unchanged_work_does_not_overwrite_the_older_backup(saved):
    save_with_backup(NEW, saved)
    assert save_with_backup(NEW, saved).backup is None
    assert load_issue(backup_path(saved)) == OLD


def test_backups_can_be_turned_off(saved):
    assert save_with_backup(NEW, saved, keep_backup=False).backup is None
    assert not backup_path(saved).exists()
    assert load_issue(saved) == NEW


def test_a_first_save_has_nothing_to_back_up(tmp_path):
    path = tmp_path / "new.newsletter"
    assert save_with_backup(OLD, path).backup is None
    assert load_issue(path) == OLD and not backup_path(path).exists()


def test_a_failed_save_with_backup_leaves_the_issue_intact(saved, monkeypatch):
    before = saved.read_bytes()
    monkeypatch.setattr(atomic.os, "fsync", fail_with(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(IssueSaveError, match="the disk is full"):
        save_with_backup(NEW, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


# --- durable saves, leftovers of interrupted saves, and saves over someone else's changes ----------


def test_the_file_and_its_folder_are_flushed_to_disk_before_the_save_returns(saved, monkeypatch):
    """A power cut just after "Saved" must still find the new file: its data and its folder entry are synced."""
    synced, replaced = [], []
    real_fsync, real_replace = os.fsync, os.replace

    def record_fsync(fd):
        synced.append((os.path.realpath(f"/proc/self/fd/{fd}"), bool(replaced)))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", record_fsync)
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: replaced.append(b) or real_replace(a, b))
    save_issue(NEW, saved)
    [(temp_file, before_replace), (folder, after_replace)] = synced
    assert ".autumn.newsletter." in temp_file and not before_replace  # the data, before it takes the name
    assert folder == str(saved.parent.resolve()) and after_replace     # then the folder holding the new name
    assert load_issue(saved) == NEW


def test_files_left_by_an_interrupted_save_are_cleaned_up_by_the_next_save(saved):
    old_leftover = saved.parent / ".autumn.newsletter.k3j2h1.tmp"
    fresh_leftover = saved.parent / ".autumn.newsletter.a9b8c7.tmp"  # maybe another copy saving right now
    someone_elses = saved.parent / ".other.newsletter.zz.tmp"
    for leftover in (old_leftover, fresh_leftover, someone_elses):
        leftover.write_bytes(b'{"format_version": 2, "tit')
    an_hour_ago = time.time() - 3600
    for leftover in (old_leftover, someone_elses):
        os.utime(leftover, (an_hour_ago, an_hour_ago))
    save_with_backup(NEW, saved)
    assert not old_leftover.exists()
    assert fresh_leftover.exists() and someone_elses.exists()
    assert remove_leftover_temps(saved, older_than=0) == [fresh_leftover]


def test_saving_over_a_file_another_copy_changed_is_refused_with_their_version(saved):
    version = save_with_backup(OLD, saved).version
    assert version == content_hash(saved.read_bytes())
    theirs = Issue(title="Autumn", sections=(Section(title="News", blocks=(TextBlock(markdown="Their words"),)),))
    save_issue(theirs, saved)  # the other copy saves
    with pytest.raises(ChangedOnDisk) as caught:
        save_with_backup(NEW, saved, expected_version=version)
    assert caught.value.theirs == saved.read_bytes() and load_issue(saved) == theirs
    assert "autumn.newsletter was changed by someone else" in str(caught.value)
    # The same bytes rewritten (a save with no change) is no conflict: content, not time, decides.
    same = save_with_backup(theirs, saved).version
    os.utime(saved, (1, 1))
    assert save_with_backup(NEW, saved, expected_version=same).version == current_version(saved)
    assert load_issue(saved) == NEW and load_issue(backup_path(saved)) == theirs


def test_a_deleted_file_is_simply_written_again(saved):
    version = content_hash(saved.read_bytes())
    saved.unlink()
    assert current_version(saved) is None
    save_with_backup(NEW, saved, expected_version=version)
    assert load_issue(saved) == NEW
