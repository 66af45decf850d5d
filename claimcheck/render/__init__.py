"""Output formats: each a small pure function from reports to text, picked from one table."""

from __future__ import annotations

from enum import Enum


class ReportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    html = "html"
