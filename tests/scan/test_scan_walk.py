"""What the scan reads: .gitignore respected (git and pathspec), symlinks never followed out of the tree,
binary, huge and unreadable files skipped and counted, scanned code never run or imported."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from explorer.scan.scanner import scan
from explorer.scan.walk import HUGE_BYTES

CLIENT = 'from twilio.rest import Client\nc = Client(region="au1")\n'


def _tree(root: Path) -> None:
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(CLIENT)
    (root / ".gitignore").write_text("build/\n*.gen.py\n")
    (root / "build").mkdir()
    (root / "build" / "copy.py").write_text(CLIENT)
    (root / "src" / "x.gen.py").write_text(CLIENT)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})  # fmt: skip


def test_gitignore_is_respected_outside_git(tmp_path: Path) -> None:
    _tree(tmp_path)
    report = scan(tmp_path)
    assert report.summary.walker.startswith("pathspec")
    assert [h.site.path for h in report.hits] == ["src/app.py"]


def test_gitignore_is_respected_in_a_git_work_tree(tmp_path: Path) -> None:
    _tree(tmp_path)
    _git(tmp_path, "init", "-q")
    report = scan(tmp_path)
    assert report.summary.walker == "git ls-files"
    assert [h.site.path for h in report.hits] == ["src/app.py"]


def test_a_file_staged_then_deleted_is_counted_unreadable(tmp_path: Path) -> None:
    _tree(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "src/app.py")
    (tmp_path / "src" / "app.py").unlink()
    report = scan(tmp_path)
    assert report.summary.unreadable == 1
    assert report.hits == []
    assert "1 unreadable" in report.summary_line()


def test_symlinks_are_never_followed_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(CLIENT)
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link.py").symlink_to(outside / "secret.py")
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    report = scan(root)
    assert report.hits == []
    assert report.summary.symlinks_outside == 1  # the file link; a directory link is never descended


def test_binary_and_huge_files_are_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"from twilio.rest import Client\0\x01\x02")
    (tmp_path / "big.js").write_text("// twilio\n" + "x" * (HUGE_BYTES + 10))
    (tmp_path / "ok.py").write_text(CLIENT)
    report = scan(tmp_path)
    assert (report.summary.binary, report.summary.huge) == (1, 1)
    assert [h.site.path for h in report.hits] == ["ok.py"]


def test_broken_files_are_counted_never_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import twilio\ndef (:\n")
    (tmp_path / "package-lock.json").write_text("{ twilio")
    (tmp_path / "latin1.rb").write_bytes(
        "Twilio::REST::Client.new(a, b, nil, 'au1') # caf\xe9\n".encode("latin-1")
    )
    report = scan(tmp_path)
    assert report.summary.parse_errors == 2
    assert [h.site.path for h in report.hits] == ["latin1.rb"]


def test_scanned_code_is_never_run_or_imported(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "evil.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n"
        "from twilio.rest import Client\nClient(region='au1')\n"
    )
    (tmp_path / "conftest.py").write_text(f"open({str(marker)!r}, 'w')\nimport twilio\n")
    report = scan(tmp_path)
    assert not marker.exists()
    assert len(report.hits) == 1


def test_a_stopped_scan_leaves_no_git_process_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in `git` that names 100 files and then hangs, as git does on a huge tree: the stop must kill it.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    names = "".join(f"m{n}.py\\0" for n in range(100))
    fake.write_text(f"#!/bin/sh\ncase \"$*\" in *grep*) printf '{names}';; esac\nexec sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    from explorer.scan.walk import start_listing

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    pending = start_listing(tmp_path)
    with pytest.raises(Stop):
        scan(tmp_path, stop, pending)
    assert not pending.running


def test_a_path_that_is_not_a_folder_is_an_input_error(tmp_path: Path) -> None:
    from explorer.core.errors import InputError

    with pytest.raises(InputError, match="not a directory"):
        scan(tmp_path / "missing")
