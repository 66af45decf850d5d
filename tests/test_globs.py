"""Gitignore-style globs (issue 17): linear matching, the same answers as a regular
expression translation on ordinary globs, no error on odd ones, large .gitignore files."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.check import discover, globs
from claimcheck.check.discover import GitignoreFiles
from claimcheck.check.globs import glob_match


def _regex(pattern: str) -> re.Pattern:
    """The translation globs used to have (an oracle for patterns it handled)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab/*?", max_size=8), st.text(alphabet="ab/", max_size=10))
def test_same_answers_as_the_regex_translation(pattern, path):
    assert glob_match(pattern, path) == bool(_regex(pattern).match(path))


def test_classes_and_escapes():
    assert glob_match("brouillon-[0-9].md", "brouillon-3.md")
    assert not glob_match("brouillon-[!0-9].md", "brouillon-3.md")
    assert glob_match("a[^x]c", "abc") and not glob_match("a[^x]c", "axc")
    assert not glob_match("[z-a]", "m")  # a reversed range holds nothing: no re.error
    assert glob_match("\\*.md", "*.md") and not glob_match("\\*.md", "a.md")
    assert glob_match("[", "[")  # an unclosed class is the character


def _steps(monkeypatch, pattern: str, path: str) -> int:
    count = [0]
    real = globs._closure

    def counted(tokens, states):
        count[0] += len(states)
        return real(tokens, states)

    monkeypatch.setattr(globs, "_closure", counted)
    glob_match(pattern, path)
    return count[0]


def test_work_is_path_length_times_pattern_length(monkeypatch):
    """The patterns that backtracked exponentially: at most |path| × |pattern| states."""
    for pattern in ("*a*a*a*a*a*b", "**/" * 7 + "x", "*a*a*a*a*a*a*a*a*b"):
        path = "a" * 200 if "/" not in pattern else "/".join(["a"] * 100)
        assert not glob_match(pattern, path)
        assert _steps(monkeypatch, pattern, path) <= (len(path) + 1) * (len(globs.compile_glob(pattern)) + 2)


def test_a_large_gitignore_is_indexed(tmp_path, monkeypatch):
    """20,000 plain names × 1,000 files: each file is tested against the rules named like it
    and the wildcard rules, not every rule."""
    (tmp_path / ".gitignore").write_text("\n".join(f"name{i}.txt" for i in range(20_000)) + "\n*.tmp\n!keep.tmp\n",
                                         encoding="utf-8")
    files = [tmp_path / f"name{i * 20}.txt" for i in range(1_000)] + [tmp_path / "x.tmp", tmp_path / "keep.tmp",
                                                                    tmp_path / "other.md"]
    calls = [0]
    real = discover.pattern_matches

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(discover, "pattern_matches", counted)
    monkeypatch.chdir(tmp_path)
    parser = GitignoreFiles(tmp_path)
    ignored = [f.name for f in files if parser.ignored(f)]
    assert len(ignored) == 1_001 and "x.tmp" in ignored and "keep.tmp" not in ignored and "other.md" not in ignored
    assert calls[0] <= 4 * len(files)


def test_binary_and_odd_gitignore_lines(tmp_path, monkeypatch):
    (tmp_path / ".gitignore").write_bytes(b"\x00\xff\xfe[z-a]\n*.md\n\x89PNG\n")
    monkeypatch.chdir(tmp_path)
    parser = GitignoreFiles(tmp_path)
    assert parser.ignored(tmp_path / "a.md")
    assert not parser.ignored(tmp_path / "a.txt")
