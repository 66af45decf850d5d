"""The French date grammar, on a long table of surface forms (pure: no model)."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.dates import find_dates, parse_date

PUB = date(2025, 11, 3)  # a Monday

CASES = [
    # (text, from, to, granularity)
    ("31 octobre", "2025-10-31", "2025-10-31", "day"),
    ("le 31 octobre", "2025-10-31", "2025-10-31", "day"),
    ("31 octobre 2025", "2025-10-31", "2025-10-31", "day"),
    ("1er novembre", "2025-11-01", "2025-11-01", "day"),
    ("le 1er mai 1962", "1962-05-01", "1962-05-01", "day"),
    ("12 décembre", "2024-12-12", "2024-12-12", "day"),
    ("12 decembre", "2024-12-12", "2024-12-12", "day"),
    ("3 novembre", "2025-11-03", "2025-11-03", "day"),
    ("4 novembre", "2024-11-04", "2024-11-04", "day"),
    ("4 novembre prochain", "2025-11-04", "2025-11-04", "day"),
    ("26 septembre dernier", "2025-09-26", "2025-09-26", "day"),
    ("jeudi 30 octobre", "2025-10-30", "2025-10-30", "day"),
    ("le mercredi 1er octobre 2025", "2025-10-01", "2025-10-01", "day"),
    ("31 octobre-2 novembre", "2025-10-31", "2025-11-02", "day"),
    ("31 octobre–2 novembre", "2025-10-31", "2025-11-02", "day"),
    ("31 octobre - 3 novembre", "2025-10-31", "2025-11-03", "day"),
    ("2-3 novembre", "2025-11-02", "2025-11-03", "day"),
    ("4-5 novembre 2025", "2025-11-04", "2025-11-05", "day"),
    ("17-18 octobre", "2025-10-17", "2025-10-18", "day"),
    ("du 20 au 21 octobre 2025", "2025-10-20", "2025-10-21", "day"),
    ("du 1er au 3 mars", "2025-03-01", "2025-03-03", "day"),
    ("entre le 3 et le 5 mai", "2025-05-03", "2025-05-05", "day"),
    ("30 décembre-2 janvier", "2024-12-30", "2025-01-02", "day"),
    ("novembre 2025", "2025-11-01", "2025-11-30", "month"),
    ("février 2024", "2024-02-01", "2024-02-29", "month"),
    ("octobre 98", "1998-10-01", "1998-10-31", "month"),
    ("en septembre", "2025-09-01", "2025-09-30", "month"),
    ("septembre dernier", "2025-09-01", "2025-09-30", "month"),
    ("juin prochain", "2026-06-01", "2026-06-30", "month"),
    ("début octobre", "2025-10-01", "2025-10-31", "month"),
    ("en 2022", "2022-01-01", "2022-12-31", "year"),
    ("de 2016 à 2020", "2016-01-01", "2020-12-31", "year"),
    ("2023-2025", "2023-01-01", "2025-12-31", "year"),
    ("vendredi", "2025-10-31", "2025-10-31", "day"),
    ("lundi", "2025-11-03", "2025-11-03", "day"),
    ("jeudi soir", "2025-10-30", "2025-10-30", "day"),
    ("lundi dernier", "2025-10-27", "2025-10-27", "day"),
    ("mardi prochain", "2025-11-04", "2025-11-04", "day"),
    ("hier", "2025-11-02", "2025-11-02", "day"),
    ("avant-hier", "2025-11-01", "2025-11-01", "day"),
    ("aujourd'hui", "2025-11-03", "2025-11-03", "day"),
    ("aujourd’hui", "2025-11-03", "2025-11-03", "day"),
    ("demain", "2025-11-04", "2025-11-04", "day"),
    ("la semaine dernière", "2025-10-27", "2025-11-02", "week"),
    ("cette semaine", "2025-11-03", "2025-11-09", "week"),
    ("le mois dernier", "2025-10-01", "2025-10-31", "month"),
    ("l'an dernier", "2024-01-01", "2024-12-31", "year"),
    ("l’année dernière", "2024-01-01", "2024-12-31", "year"),
    ("cette année", "2025-01-01", "2025-12-31", "year"),
    ("2025-10-17", "2025-10-17", "2025-10-17", "day"),
    ("17/10/2025", "2025-10-17", "2025-10-17", "day"),
]


@pytest.mark.parametrize("text, start, end, gran", CASES, ids=[c[0] for c in CASES])
def test_surface_form(text, start, end, gran):
    mention = parse_date(f"Il l'a dit {text}, selon CNN.", PUB)
    assert mention is not None, f"{text!r} not recognized"
    assert mention.text in text or text in mention.text
    assert (str(mention.from_), str(mention.to), mention.granularity) == (start, end, gran)


def test_range_is_one_mention_not_two():
    mentions = find_dates("selon CNN du 31 octobre-3 novembre.", PUB)
    assert len(mentions) == 1 and mentions[0].text == "31 octobre-3 novembre"


def test_offsets_point_into_the_text():
    text = "Selon Reuters du 2 novembre et Forbes du 2-3 novembre : rien."
    for m in find_dates(text, PUB):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Il a vendu 2000 voitures.", "Le prix atteint 1 600 km.", "selon toute vraisemblance",
    "La planète Mars est rouge.", "Il y avait 2 500 personnes.",
])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_no_publication_date_no_invented_date():
    for text in ("vendredi", "hier", "31 octobre", "la semaine dernière"):
        mention = parse_date(text, None)
        assert mention is None or mention.from_ is None


def test_full_dates_resolve_without_publication_date():
    mention = parse_date("le 4 novembre 2025", None)
    assert str(mention.from_) == "2025-11-04"
