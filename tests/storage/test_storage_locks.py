"""One writer per issue: a second copy of the app is told who has the file open."""

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from composer.storage.locks import (
    FileInUse, LockHolder, acquire_lock, is_stale, live_holders, lock_path, pid_alive, read_lock, this_host,
)


@pytest.fixture
def issue_path(tmp_path):
    path = tmp_path / "autumn.newsletter"
    path.write_text("{}", encoding="utf-8")
    return path


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def plant_lock(issue_path, pid, host=None, user="alex"):
    lock_path(issue_path).write_text(json.dumps({
        "pid": pid, "host": host or this_host(), "user": user,
        "since": datetime(2024, 1, 22, 9, 30, tzinfo=timezone.utc).isoformat(), "token": "theirs",
    }), encoding="utf-8")


def test_opening_an_issue_leaves_a_lock_beside_it_saying_who(issue_path):
    with acquire_lock(issue_path) as lock:
        assert lock.held
        assert lock_path(issue_path).name == ".~autumn.newsletter.lock"
        holder = read_lock(issue_path)
        assert holder.pid == os.getpid() and holder.host == this_host()
    assert not lock_path(issue_path).exists()


def test_a_second_instance_is_told_who_has_the_issue_open(issue_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        plant_lock(issue_path, other.pid, user="alex")
        with pytest.raises(FileInUse) as caught:
            acquire_lock(issue_path)
        assert caught.value.holder.user == "alex" and caught.value.holder.pid == other.pid
        message = str(caught.value)
        assert "autumn.newsletter is already open by alex on this computer" in message
        assert "read-only" in message and "anyway" in message
        assert read_lock(issue_path).token == "theirs"  # their lock is untouched
    finally:
        other.kill()
        other.wait()


def test_open_anyway_leaves_the_first_lock_alone_and_each_copy_removes_only_its_own(issue_path):
    first = acquire_lock(issue_path)
    second = acquire_lock(issue_path, force=True)
    assert second.opened_anyway and [h.token for h in second.others] == [first.holder.token]
    assert read_lock(issue_path).token == first.holder.token  # the first copy's lock is untouched
    assert {h.token for h in live_holders(issue_path)} == {first.holder.token, second.holder.token}

    second.release()  # the "open anyway" copy quits: the first copy still holds the file
    assert read_lock(issue_path).token == first.holder.token
    with pytest.raises(FileInUse):
        acquire_lock(issue_path)  # a third copy is warned
    first.release()
    assert not lock_path(issue_path).exists() and live_holders(issue_path) == []
    with acquire_lock(issue_path) as third:
        assert not third.opened_anyway


def test_a_third_copy_is_warned_while_the_open_anyway_copy_still_edits(issue_path):
    first = acquire_lock(issue_path)
    second = acquire_lock(issue_path, force=True)
    first.release()  # the first copy quits first this time
    assert not lock_path(issue_path).exists()
    with pytest.raises(FileInUse) as caught:
        acquire_lock(issue_path)
    assert caught.value.holder.token == second.holder.token
    third = acquire_lock(issue_path, force=True)  # "open anyway" again: a third lock of its own
    second.release()
    with pytest.raises(FileInUse):
        acquire_lock(issue_path)
    third.release()
    assert live_holders(issue_path) == [] and sorted(p.name for p in issue_path.parent.iterdir()) == ["autumn.newsletter"]


def test_an_open_anyway_lock_left_by_a_crash_is_cleared(issue_path):
    first = acquire_lock(issue_path)
    second = acquire_lock(issue_path, force=True)
    first.release()
    data = json.loads(second.lock_path.read_text(encoding="utf-8"))
    second.lock_path.write_text(json.dumps({**data, "pid": dead_pid()}), encoding="utf-8")
    with acquire_lock(issue_path) as lock:
        assert not lock.opened_anyway and not second.lock_path.exists()


def test_a_lock_file_rewritten_by_someone_else_is_not_removed(issue_path):
    lock = acquire_lock(issue_path)
    plant_lock(issue_path, os.getppid())
    lock.release()
    assert read_lock(issue_path).token == "theirs"


def test_a_lock_left_by_a_crashed_app_is_cleared(issue_path):
    plant_lock(issue_path, dead_pid())
    assert is_stale(read_lock(issue_path))
    with acquire_lock(issue_path) as lock:
        assert read_lock(issue_path).token == lock.holder.token


def test_a_lock_from_another_computer_is_trusted(issue_path):
    plant_lock(issue_path, dead_pid(), host="office-pc", user="sam")
    with pytest.raises(FileInUse, match="sam on office-pc"):
        acquire_lock(issue_path)


def test_a_half_written_lock_is_respected_briefly_then_cleared(issue_path):
    lock_path(issue_path).write_text("", encoding="utf-8")
    with pytest.raises(FileInUse, match="another copy of Newsletter Composer"):
        acquire_lock(issue_path)
    old = datetime(2020, 1, 1).timestamp()
    os.utime(lock_path(issue_path), (old, old))
    with acquire_lock(issue_path) as lock:
        assert lock.held


def test_a_folder_that_refuses_the_lock_still_lets_the_issue_open(issue_path, monkeypatch):
    from composer.storage import locks

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(locks.os, "open", refuse)
    lock = acquire_lock(issue_path)
    assert not lock.held
    lock.release()


def test_process_liveness_is_told_apart():
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid())
    assert not is_stale(LockHolder(pid=os.getpid(), host=this_host(), user="", since=datetime.now(timezone.utc)))
