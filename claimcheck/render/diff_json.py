"""`claimcheck diff` as JSON: the versioned DiffResult model (diff_version 1), deterministic."""

from __future__ import annotations

from ..diff import DiffResult


def render_diff_json(diff: DiffResult) -> str:
    return diff.to_json(indent=2) + "\n"
