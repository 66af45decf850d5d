"""`claimcheck diff` as one self-contained HTML page: the summary, the changes with
their word-level before/after, and the two versions side by side with every
changed claim marked (and linked from its change). All article text is escaped;
the page loads nothing from elsewhere and runs no script.
"""

from __future__ import annotations

from html import escape

from ..diff import SIGNIFICANCES, Change, ClaimRef, DiffResult, word_diff

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1em 2em;color:#222}
h1{font-size:1.3em} h2{font-size:1.1em;margin:.3em 0}
table.sum{border-collapse:collapse;margin:.5em 0} table.sum td,table.sum th{padding:.15em .8em;border-bottom:1px solid #ddd;text-align:right}
table.sum th:first-child,table.sum td:first-child{text-align:left}
ol.changes{padding-left:1.5em} ol.changes li{margin:.6em 0}
.badge{font-weight:bold;text-transform:uppercase;font-size:.8em;padding:0 .4em;border-radius:3px}
.sig-high .badge,mark.sig-high{background:#f8c4c4} .sig-medium .badge,mark.sig-medium{background:#fde6a8}
.sig-low .badge,mark.sig-low{background:#dbe6f7}
.kind{font-family:ui-monospace,monospace} .before,.after{margin:.2em 0 .2em 1em;white-space:pre-wrap}
del{background:#f8c4c4} ins{background:#c8efc8;text-decoration:none}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:2em;margin-top:1.5em}
.text{white-space:pre-wrap;border-top:2px solid #888;padding-top:.5em}
mark{padding:0 .1em} mark:target{outline:2px solid #333}
"""


def _claim_link(prefix: str, ref: ClaimRef, side: str) -> str:
    return f'<a href="#{prefix}-{ref.sentence}">{side} line {ref.line}</a>'


def _diff_html(before: str, after: str) -> tuple[str, str]:
    old, new = word_diff(before, after)
    mark = lambda tag, changed, t: f"<{tag}>{escape(t)}</{tag}>" if changed and not t.isspace() else escape(t)  # noqa: E731
    return "".join(mark("del", c, t) for c, t in old), "".join(mark("ins", c, t) for c, t in new)


def _change_item(change: Change) -> str:
    # a link to where the change starts on each side; a moved block of claims needs no more
    links = [_claim_link("o", r, "old") for r in change.old[:1]] + [_claim_link("n", r, "new") for r in change.new[:1]]
    parts = [f'<li class="sig-{change.significance}"><span class="badge">{change.significance}</span> '
             f'<span class="kind">{escape(change.kind)}</span> {escape(change.detail)} '
             f'<small>({", ".join(links)})</small>']
    if change.kind == "claim-moved":
        pass
    elif change.before and change.after and len(change.new) == 1 and len(change.old) == 1:
        old, new = _diff_html(change.before, change.after)
        parts.append(f'<div class="before">− {old}</div><div class="after">+ {new}</div>')
    else:
        parts += [f'<div class="before">− {escape(r.text)}</div>' for r in change.old]
        parts += [f'<div class="after">+ {escape(r.text)}</div>' for r in change.new]
    parts.append("</li>")
    return "".join(parts)


def _marked_text(text: str, changes: list[Change], side: str) -> str:
    """The article text, escaped, with each changed claim of this side wrapped in a <mark>."""
    prefix = "o" if side == "old" else "n"
    marks: dict[tuple[int, int], tuple[ClaimRef, list[Change]]] = {}
    for change in changes:
        for ref in (change.old if side == "old" else change.new):
            marks.setdefault(tuple(ref.span), (ref, []))[1].append(change)
    out, pos = [], 0
    for (start, end), (ref, found) in sorted(marks.items()):
        if start < pos:  # never expected: claims are sentence units and do not overlap
            continue
        top = max((c.significance for c in found), key=SIGNIFICANCES.index)
        title = "; ".join(f"{c.kind} ({c.significance}): {c.detail}" for c in found)
        out.append(escape(text[pos:start]))
        out.append(f'<mark id="{prefix}-{ref.sentence}" class="sig-{top}" title="{escape(title)}">'
                   f"{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _summary_table(diff: DiffResult) -> str:
    b, a = diff.summary.before, diff.summary.after
    rows = [("claims", b.claims, a.claims), ("attributed", b.attributed, a.attributed),
            ("unattributed", b.unattributed, a.unattributed),
            ("check-worthy unattributed", b.checkworthy_unattributed, a.checkworthy_unattributed)]
    rows += [(f"{k} sources", b.sources_by_type.get(k, 0), a.sources_by_type.get(k, 0))
             for k in sorted(b.sources_by_type.keys() | a.sources_by_type.keys())]
    body = "".join(f"<tr><td>{escape(n)}</td><td>{x}</td><td>{y}</td></tr>" for n, x, y in rows)
    return f'<table class="sum"><tr><th>sourcing</th><th>before</th><th>after</th></tr>{body}</table>'


def render_diff_html(diff: DiffResult, old_text: str, new_text: str) -> str:
    s = diff.summary
    if s.changes:
        counts = ", ".join(f"{escape(k)} {n}" for k, n in s.by_kind.items())
        headline = f"<p><strong>{s.changes} change(s)</strong>: {counts}</p>"
    else:
        headline = f"<p>No change in claims or sourcing ({s.aligned} claims aligned).</p>"
    if s.hidden:
        headline += f"<p>{s.hidden} change(s) below {escape(diff.min_significance)} not shown.</p>"
    items = "".join(_change_item(c) for c in diff.changes)
    title = f"claimcheck diff: {diff.old.label} → {diff.new.label}"
    return (
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{escape(title)}</h1>\n{headline}\n{_summary_table(diff)}\n"
        f'<ol class="changes">{items}</ol>\n'
        '<div class="sides">'
        f'<section><h2>before: {escape(diff.old.label)}</h2><div class="text">{_marked_text(old_text, diff.changes, "old")}</div></section>'
        f'<section><h2>after: {escape(diff.new.label)}</h2><div class="text">{_marked_text(new_text, diff.changes, "new")}</div></section>'
        "</div>\n</body></html>\n"
    )
