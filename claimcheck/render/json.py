"""JSON and JSON Lines renderings of reports (deterministic)."""

from __future__ import annotations

from ..models import Report


def render_json(report: Report) -> str:
    return report.to_json(indent=2) + "\n"


def render_jsonl_line(report: Report) -> str:
    return report.to_json(indent=None) + "\n"
