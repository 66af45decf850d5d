"""Gitignore-style globs matched in linear time (issue 17).

Globs were translated to regular expressions, whose backtracking made `*a*a*a*a*a*b` on a
200-character name take seconds and `**/` repeated take longer, and `[z-a]` raised
re.error. Here a glob is a list of tokens run as a set of states over the path (a
Thompson simulation): time is the path's length times the glob's, whatever the glob.

`*` and `?` stay within a folder (never `/`), `**` crosses folders, `**/` is zero or more
folders, `[…]` a class (`!` or `^` negates it; a reversed range matches nothing),
`\\x` the character x. A glob matches the whole path given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

LIT, ANY, CLASS, STAR, DSTAR, FOLDERS = range(6)


@dataclass(frozen=True)
class _Class:
    chars: frozenset[str]
    ranges: tuple[tuple[str, str], ...]
    negated: bool

    def __contains__(self, ch: str) -> bool:
        inside = ch in self.chars or any(a <= ch <= b for a, b in self.ranges)
        return inside != self.negated


def _parse_class(body: str, negated: bool) -> _Class:
    chars, ranges, i = set(), [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            if body[i] <= body[i + 2]:
                ranges.append((body[i], body[i + 2]))
            i += 3  # a reversed range ("z-a") holds nothing, as in git
        else:
            chars.add(body[i])
            i += 1
    return _Class(frozenset(chars), tuple(ranges), negated)


@lru_cache(maxsize=4096)
def compile_glob(pattern: str) -> tuple:
    """The glob's tokens: (kind, argument) pairs."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):  # (?:.*/)?: skip all three, or any run then "/"
            out += [(FOLDERS, None), (DSTAR, None), (LIT, "/")]
            i += 3
        elif pattern.startswith("**", i):
            out.append((DSTAR, None))
            i += 2
        elif ch == "*":
            out.append((STAR, None))
            i += 1
        elif ch == "?":
            out.append((ANY, None))
            i += 1
        elif ch == "[":
            negated = pattern[i + 1:i + 2] in ("!", "^")
            close = pattern.find("]", i + 2 + negated)
            if close < 0:
                out.append((LIT, ch))
                i += 1
            else:
                out.append((CLASS, _parse_class(pattern[i + 1 + negated:close], negated)))
                i = close + 1
        elif ch == "\\" and i + 1 < len(pattern):
            out.append((LIT, pattern[i + 1]))
            i += 2
        else:
            out.append((LIT, ch))
            i += 1
    return tuple(out)


def _closure(tokens: tuple, states: set[int]) -> set[int]:
    stack = list(states)
    while stack:
        s = stack.pop()
        if s < len(tokens):
            kind = tokens[s][0]
            nexts = (s + 1,) if kind in (STAR, DSTAR) else (s + 1, s + 3) if kind == FOLDERS else ()
            for n in nexts:
                if n not in states:
                    states.add(n)
                    stack.append(n)
    return states


def glob_match(pattern: str, path: str) -> bool:
    tokens = compile_glob(pattern)
    if all(kind == LIT for kind, _ in tokens):  # most .gitignore lines: a plain name
        return path == "".join(arg for _, arg in tokens)
    states = _closure(tokens, {0})
    for ch in path:
        nxt = set()
        for s in states:
            if s == len(tokens):
                continue
            kind, arg = tokens[s]
            if kind == LIT:
                if ch == arg:
                    nxt.add(s + 1)
            elif kind == ANY:
                if ch != "/":
                    nxt.add(s + 1)
            elif kind == CLASS:
                if ch in arg:
                    nxt.add(s + 1)
            elif kind == STAR:
                if ch != "/":
                    nxt.add(s)
            elif kind == DSTAR:  # any character, folders included
                nxt.add(s)
            # FOLDERS consumes nothing: it only opens the group or skips it
        if not nxt:
            return False
        states = _closure(tokens, nxt)
    return len(tokens) in states


def is_literal(pattern: str) -> bool:
    return all(kind == LIT for kind, _ in compile_glob(pattern))


_WILD = set("*?[")


def expand_glob(pattern: str) -> list[str]:
    """The paths a glob names, sorted, found by walking the folder before its first
    wildcard without following symbolic links to folders (glob.glob follows them, and a
    link back to a parent made `loop/**/*.txt` run without end). Folders are walked only
    as deep as the glob can reach unless it holds `**`."""
    import os

    parts = pattern.replace(os.sep, "/").split("/")
    first = next((k for k, part in enumerate(parts) if _WILD & set(part)), len(parts))
    base = "/".join(parts[:first]) or ("/" if pattern.startswith("/") else ".")
    if pattern.startswith("/") and first == 1:
        base = "/"
    rest = "/".join(parts[first:])
    if not rest:
        return [pattern] if os.path.lexists(pattern) else []
    depth = None if "**" in rest else rest.count("/") + 1
    found = []
    base_len = len(base.rstrip("/")) + 1 if base != "/" else 1
    for folder, dirs, files in os.walk(base):
        rel_folder = folder[base_len:] if folder != base else ""
        level = rel_folder.count("/") + 1 if rel_folder else 0
        if depth is not None and level >= depth:
            dirs[:] = []
        dirs.sort()
        for name in sorted(dirs + files):
            rel = f"{rel_folder}/{name}" if rel_folder else name
            if glob_match(rest, rel):
                found.append(rel if base == "." and not pattern.startswith("./") else
                             f"{base}/{rel}" if base != "/" else f"/{rel}")
    return sorted(found)
