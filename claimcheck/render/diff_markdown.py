"""`claimcheck diff` as Markdown, for a pull-request or review comment.

Before/after texts go in ```diff blocks, which code hosts colour red and green.
"""

from __future__ import annotations

import re

from ..diff import SOURCING_KINDS, Change, DiffResult, SourceRef


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    """Markdown-inert text: the characters that would start emphasis, links or HTML are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def _fence(*texts: str) -> str:
    longest = max((len(m) for t in texts for m in re.findall(r"`+", t)), default=0)
    return "`" * max(3, longest + 1)


def _sources(refs: list[SourceRef]) -> str:
    return ", ".join(f"{s.canonical} ({', '.join([s.type] + s.dates)})" for s in refs) or "none"


def _change_block(change: Change) -> list[str]:
    where = []
    if change.old:
        where.append(f"line {change.old[0].line}")
    if change.new:
        where.append(f"line {change.new[0].line}")
    out = [f"#### {change.significance} · `{change.kind}` ({' → '.join(where)})", "", _inline(change.detail), ""]
    body = []
    if change.kind == "claim-moved":
        body = [f"  {v.text}" for v in change.new]
    else:
        body = [f"- {v.text}" for v in change.old] + [f"+ {v.text}" for v in change.new]
    fence = _fence(*body)
    out += [f"{fence}diff", *body, fence, ""]
    if change.kind in SOURCING_KINDS and (change.sources_before or change.sources_after):
        out += [f"Sources: {_inline(_sources(change.sources_before))} → {_inline(_sources(change.sources_after))}", ""]
    return out


def render_diff_markdown(diff: DiffResult) -> str:
    s = diff.summary
    b, a = s.before, s.after
    lines = [f"### claimcheck diff: `{_cell(diff.old.label)}` → `{_cell(diff.new.label)}`", ""]
    if s.changes:
        kinds = ", ".join(f"{k} {n}" for k, n in s.by_kind.items())
        levels = ", ".join(f"{n} {k}" for k, n in s.by_significance.items())
        lines += [f"**{s.changes} change(s)** ({levels}): {kinds}", ""]
    else:
        lines += [f"No change in claims or sourcing ({s.aligned} claims aligned).", ""]
    if s.hidden:
        lines += [f"{s.hidden} change(s) below *{diff.min_significance}* not shown.", ""]
    lines += ["| sourcing | before | after |", "| --- | ---: | ---: |",
              f"| claims | {b.claims} | {a.claims} |",
              f"| attributed | {b.attributed} | {a.attributed} |",
              f"| unattributed | {b.unattributed} | {a.unattributed} |",
              f"| check-worthy unattributed | {b.checkworthy_unattributed} | {a.checkworthy_unattributed} |"]
    for kind in sorted(b.sources_by_type.keys() | a.sources_by_type.keys()):
        lines.append(f"| {kind} sources | {b.sources_by_type.get(kind, 0)} | {a.sources_by_type.get(kind, 0)} |")
    lines.append("")
    for change in diff.changes:
        lines += _change_block(change)
    return "\n".join(lines).rstrip("\n") + "\n"
