"""Dates at the calendar's ends (issue 17): a date past year 1 or year 9999 is left
unresolved, never a ValueError/OverflowError that ends the batch."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.dates import find_dates

TEXT = ("Le ministre a déclaré lundi dernier que le pont serait rouvert hier, demain, la semaine "
        "prochaine, il y a trois ans, dans deux mois, la veille, le mois dernier, en janvier prochain "
        "et samedi 3, et le lendemain.")


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 28)])
def test_relative_dates_at_the_calendar_ends(published):
    mentions = find_dates(TEXT, published)
    assert mentions  # found, even where they cannot be resolved
    for d in mentions:
        assert (d.from_ is None) == (d.to is None)
        if d.from_ is not None:
            assert d.from_ <= d.to


def test_a_year_9999_date_line_is_a_publication_date_that_does_not_crash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date: 9999-12-31\n\n" + TEXT + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["dates", str(path)])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["article"]["published"] == "9999-12-31"
    tomorrow = next(d for d in line["dates"] if d["text"] == "demain")
    assert tomorrow["from"] is None  # 10000-01-01 does not exist: unresolved, not invented


@pytest.mark.model
def test_extract_with_published_at_the_ends_and_a_jsonl_batch(tmp_path):
    good = "Selon l'AFP, le pont a été fermé le 3 mai 2024."
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "low", "text": TEXT, "published": "0001-01-01"},
        {"id": "high", "text": TEXT, "published": "9999-12-31"},
        {"id": "good", "text": good, "published": "2025-11-03"})) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["low", "high", "good"]
    for published in ("0001-01-01", "9999-12-31"):
        text = tmp_path / "b.txt"
        text.write_text(TEXT, encoding="utf-8")
        result = CliRunner().invoke(app, ["extract", str(text), "-f", "json", "--published", published])
        assert result.exit_code == 0, result.output
