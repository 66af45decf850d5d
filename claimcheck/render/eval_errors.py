"""`claimcheck eval --errors` as text: every miss and false alarm, grouped by kind."""

from __future__ import annotations

from ..evaluate import ERROR_KINDS, EvalError, sorted_errors


def errors_text(errors: list[EvalError]) -> str:
    if not errors:
        return "\nno errors\n"
    lines = []
    by_kind: dict[str, list[EvalError]] = {}
    for e in sorted_errors(errors):
        by_kind.setdefault(e.kind, []).append(e)
    lines.append("")
    lines.append("errors by kind: " + ", ".join(f"{k} {len(v)}" for k, v in by_kind.items()))
    for kind, items in by_kind.items():
        lines.append("")
        lines.append(f"== {kind}: {ERROR_KINDS[kind]} ({len(items)})")
        for e in items:
            lines.append(f"{e.article} [{e.span[0]}:{e.span[1]}] «{_one_line(e.anchor, 100)}»")
            lines.append(f"    gold:      {e.gold}")
            lines.append(f"    predicted: {e.predicted}")
            lines.append(f"    context:   …{e.context}…")
    return "\n".join(lines) + "\n"


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
