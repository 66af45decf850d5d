"""Finding input files (issue 17): a folder linked into itself is walked once, a link loop
named on the command line is one line, and a folder that cannot be listed is said."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from claimcheck.check.discover import expand
from claimcheck.check.globs import expand_glob
from claimcheck.cli import app
from claimcheck.reading import expand_inputs


@pytest.fixture
def loop(tmp_path, monkeypatch):
    (tmp_path / "loop" / "sub").mkdir(parents=True)
    (tmp_path / "loop" / "sub" / "a.txt").write_text("Selon l'AFP, le pont a été fermé.", encoding="utf-8")
    os.symlink("..", tmp_path / "loop" / "sub" / "up")
    os.symlink("self2", tmp_path / "self1")
    os.symlink("self1", tmp_path / "self2")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_recursive_glob_does_not_follow_a_folder_loop(loop):
    assert expand_glob("loop/**/*.txt") == ["loop/sub/a.txt"]
    assert [i.path for i in expand(["loop/**/*.txt"], [])] == ["loop/sub/a.txt"]
    assert list(expand_inputs(["loop"])) == [str(loop / "loop" / "sub" / "a.txt").replace(str(loop) + "/", "")]


def test_a_link_loop_named_on_the_command_line(loop):
    for command in (["check", "self1"], ["dates", "self1"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "claimcheck: self1: symbolic link loop" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_glob_semantics_of_the_walk(tmp_path, monkeypatch):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.md", "a/b/y.md", "a/b/z.txt", "top.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert expand_glob("*.md") == ["top.md"]
    assert expand_glob("a/*.md") == ["a/x.md"]
    assert expand_glob("a/**/*.md") == ["a/b/y.md", "a/x.md"]
    assert expand_glob("**/*.txt") == ["a/b/z.txt"]
    assert expand_glob(str(tmp_path / "a" / "*.md")) == [str(tmp_path / "a" / "x.md")]


def test_check_says_which_folder_it_could_not_list(tmp_path, monkeypatch):
    """Root lists any folder: the refusal is simulated where os.walk reports it."""
    import claimcheck.check.discover as discover

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Le pont a été fermé.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.walk

    def walk(top, onerror=None, **kwargs):
        for folder, dirs, files in real(top, onerror=onerror, **kwargs):
            if "locked" in dirs and onerror is not None:
                dirs.remove("locked")
                onerror(PermissionError(13, "Permission denied", os.path.join(folder, "locked")))
            yield folder, dirs, files

    monkeypatch.setattr(discover.os, "walk", walk)
    items = list(expand([str(tmp_path)], []))
    assert [str(i) for i in items if not hasattr(i, "path")] == [f"{tmp_path / 'locked'}: permission denied"]
    assert [i.path for i in items if hasattr(i, "path")] == [str(tmp_path / "ok" / "a.txt")]
