"""`claimcheck diff` as text: the summary, then each change with its before and after.

Coloured with ANSI codes only when asked (the command asks on a terminal without
NO_COLOR); plain text marks the changed words as [-removed-] and {+added+}, the
way `git diff --word-diff` does, so the change is visible in a log or a file.
"""

from __future__ import annotations

from ..diff import SOURCING_KINDS, Change, DiffResult, SourceRef, Sourcing, word_diff

_RESET = "\x1b[0m"
_STYLE = {
    "high": "\x1b[1;31m", "medium": "\x1b[1;33m", "low": "\x1b[2m",
    "kind": "\x1b[1m", "-": "\x1b[31m", "+": "\x1b[32m", "-word": "\x1b[1;4;31m", "+word": "\x1b[1;4;32m",
    "dim": "\x1b[2m",
}


class _Paint:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color and text else text


def _source(s: SourceRef) -> str:
    extra = ", ".join([s.type] + s.dates)
    return f"{s.canonical} ({extra})"


def _sources(refs: list[SourceRef]) -> str:
    return "; ".join(_source(s) for s in refs) or "none"


def _sourcing_lines(before: Sourcing, after: Sourcing) -> list[str]:
    rows = [("claims", before.claims, after.claims), ("attributed", before.attributed, after.attributed),
            ("unattributed", before.unattributed, after.unattributed),
            ("  check-worthy", before.checkworthy_unattributed, after.checkworthy_unattributed)]
    for kind in sorted(before.sources_by_type.keys() | after.sources_by_type.keys()):
        rows.append((f"{kind} sources", before.sources_by_type.get(kind, 0), after.sources_by_type.get(kind, 0)))
    width = max(len(r[0]) for r in rows)
    lines = [f"  {'sourcing':<{width}}  before → after"]
    for name, a, b in rows:
        mark = "" if a == b else f"  ({b - a:+d})"
        lines.append(f"  {name:<{width}}  {a:>6} → {b}{mark}")
    return lines


def _marked(pieces: list[tuple[bool, str]], sign: str, paint: _Paint) -> str:
    """One side of a word diff, its changed words marked."""
    out = []
    for changed, text in pieces:
        if not changed or text.isspace():
            out.append(text)
        elif paint.color:
            out.append(paint(sign + "word", text))
        else:
            out.append(f"[-{text}-]" if sign == "-" else f"{{+{text}+}}")
    return "".join(out)


def _where(change: Change) -> str:
    old = f"line {change.old[0].line}" if change.old else "-"
    new = f"line {change.new[0].line}" if change.new else "-"
    return f"{old} → {new}"


def _change_lines(change: Change, paint: _Paint) -> list[str]:
    head = f"{paint(change.significance, change.significance.upper()):s}  {paint('kind', change.kind)}  ({_where(change)})"
    lines = [head, f"    {change.detail}"]
    if change.kind == "claim-moved":
        lines += [f"  = {paint('dim', v.text)}" for v in change.new]
    elif change.before and change.after:
        old, new = word_diff(change.before, change.after)
        lines.append(paint("-", "  - ") + _marked(old, "-", paint))
        if len(change.new) > 1:
            lines += [paint("+", "  + ") + v.text for v in change.new]
        else:
            lines.append(paint("+", "  + ") + _marked(new, "+", paint))
    elif change.before:
        lines.append(paint("-", "  - " + change.before))
    elif change.after:
        lines.append(paint("+", "  + " + change.after))
    if change.kind in SOURCING_KINDS and (change.sources_before or change.sources_after):
        lines.append(f"    sources: {_sources(change.sources_before)} → {_sources(change.sources_after)}")
    return lines


def render_diff_text(diff: DiffResult, color: bool = False) -> str:
    paint = _Paint(color)
    s = diff.summary
    lines = [paint("kind", f"claimcheck diff: {diff.old.label} → {diff.new.label}"), ""]
    lines += _sourcing_lines(s.before, s.after)
    lines.append("")
    levels = ", ".join(f"{n} {k}" for k, n in s.by_significance.items())
    kinds = " · ".join(f"{k} {n}" for k, n in s.by_kind.items())
    if s.changes:
        lines.append(f"changes: {s.changes} ({levels}): {kinds}")
    else:
        lines.append(f"no change in claims or sourcing ({s.aligned} claims aligned)")
    if s.hidden:
        lines.append(f"{s.hidden} change(s) below {diff.min_significance} not shown")
    if s.reread_sources or s.reread_claims:
        lines.append(paint("dim", f"(unchanged words read differently, not counted as changes: "
                                  f"{s.reread_sources} source(s), {s.reread_claims} claim(s))"))
    for change in diff.changes:
        lines.append("")
        lines += _change_lines(change, paint)
    return "\n".join(lines) + "\n"
