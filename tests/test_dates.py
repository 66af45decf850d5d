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


# Forms French TimeBank showed missing or misread (issue 3); PUB is Monday 3 November 2025.
@pytest.mark.parametrize("text, start, end, gran", [
    ("il y a deux ans", "2023-01-01", "2023-12-31", "year"),
    ("il y a trois jours", "2025-10-31", "2025-10-31", "day"),
    ("il y a six mois", "2025-05-01", "2025-05-31", "month"),
    ("dans deux semaines", "2025-11-17", "2025-11-23", "week"),
    ("hier soir", "2025-11-02", "2025-11-02", "day"),
    ("le mois de juin", "2025-06-01", "2025-06-30", "month"),
    ("la nouvelle année", "2025-01-01", "2025-12-31", "year"),
    ("l'année en cours", "2025-01-01", "2025-12-31", "year"),
    ("sept. 2024", "2024-09-01", "2024-09-30", "month"),
])
def test_more_surface_forms(text, start, end, gran):
    mention = parse_date(f"Il l'a dit {text}, selon CNN.", PUB)
    assert mention is not None and mention.text in text
    assert (str(mention.from_), str(mention.to), mention.granularity) == (start, end, gran)


@pytest.mark.parametrize("text, expected", [
    # The written weekday picks the year: 4 November is a Tuesday in 2025, a Monday in 2024.
    ("Il l'a dit mardi 4 novembre.", "2025-11-04"),
    ("Il l'a dit lundi 4 novembre.", "2024-11-04"),
    ("Il l'a dit le mercredi 5 novembre.", "2025-11-05"),
])
def test_written_weekday_picks_the_year(text, expected):
    assert str(parse_date(text, PUB).from_) == expected


def test_range_with_weekdays_picks_the_year():
    m = parse_date("Le salon se tient du mardi 4 au jeudi 6 novembre.", PUB)
    assert (str(m.from_), str(m.to)) == ("2025-11-04", "2025-11-06")


@pytest.mark.parametrize("text, expected", [
    ("La réunion est prévue le 16 novembre.", "2025-11-16"),
    ("Le sommet aura lieu le 20 novembre à Bruxelles.", "2025-11-20"),
    ("Le 16 novembre, le conseil se réunira.", "2025-11-16"),
    ("Le ministre devra attendre jusqu'au 2 décembre.", "2025-12-02"),
    ("Les candidats seront auditionnés à partir du 30 novembre.", "2025-11-30"),
    # past sentences keep the guide's rule
    ("Il a parlé le 20 novembre.", "2024-11-20"),
    ("Le 16 novembre, le conseil s'est réuni.", "2024-11-16"),
    ("Il a dit qu'il viendra, a confirmé Reuters le 20 novembre.", "2024-11-20"),
    # a date just past stays past in a future sentence: the forward reading is too far
    ("Il sera jugé pour les faits du 30 octobre.", "2025-10-30"),
])
def test_a_future_sentence_puts_an_incomplete_date_ahead(text, expected):
    assert str(parse_date(text, PUB).from_) == expected


@pytest.mark.parametrize("text, expected", [
    ("La bibliothèque rouvrira ses portes en décembre.", "2025-12-01"),
    ("La bibliothèque a rouvert ses portes en décembre.", "2024-12-01"),
    ("Le conseil se réunira jeudi.", "2025-11-06"),
    ("Le conseil s'est réuni jeudi.", "2025-10-30"),
])
def test_tense_moves_bare_months_and_weekdays(text, expected):
    assert str(parse_date(text, PUB).from_) == expected


def test_a_list_of_days_is_one_date_each():
    text = "Les élections auront lieu les 6 et 13 avril prochains."
    mentions = find_dates(text, PUB)
    assert [(m.text, str(m.from_), str(m.to)) for m in mentions] == [
        ("6", "2026-04-06", "2026-04-06"), ("13 avril prochains", "2026-04-13", "2026-04-13")]
    for m in mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, days", [
    ("Il a voté le 6 et le 13 octobre.", ["2025-10-06", "2025-10-13"]),
    ("Le salon ouvre samedi 8 et dimanche 9 novembre.", ["2025-11-08", "2025-11-09"]),
    ("Ils ont manifesté les 4, 11 et 18 octobre 2025.", ["2025-10-04", "2025-10-11", "2025-10-18"]),
])
def test_lists_are_not_ranges(text, days):
    assert [str(m.from_) for m in find_dates(text, PUB)] == days


def test_a_month_name_does_not_take_the_full_stop():
    text = "Les journaux arrivent à partir du mois de juin. Avant, rien."
    (m,) = find_dates(text, PUB)
    assert m.text == "du mois de juin" and text[m.end] == "."


@pytest.mark.parametrize("text", [
    "Il est resté une semaine.", "Deux semaines de grève ont suivi.", "La semaine de quatre jours.",
])
def test_durations_are_not_dates(text):
    assert find_dates(text, PUB) == []


def test_no_publication_date_leaves_lists_tense_and_offsets_unresolved():
    for text in ("Elles auront lieu les 6 et 13 avril.", "Il sera là le 16 novembre.", "il y a deux ans"):
        mentions = find_dates(text, None)
        assert mentions and all(m.from_ is None for m in mentions)


@pytest.mark.parametrize("text, expected", [
    ("Rendez-vous samedi 8 à 20 h.", "2025-11-08"),   # the Saturday numbered 8 nearest publication
    ("Il est arrivé vendredi 31.", "2025-10-31"),
    ("Il est arrivé samedi 1er, reparti lundi 3.", "2025-11-01"),
])
def test_weekday_with_a_day_number(text, expected):
    assert str(find_dates(text, PUB)[0].from_) == expected


def test_weekday_then_a_count_is_no_day():
    (m,) = find_dates("Samedi 20 personnes ont manifesté.", PUB)
    assert m.text == "Samedi" and str(m.from_) == "2025-11-01"


@pytest.mark.parametrize("text", ["la veille du scrutin", "l'avant-veille des élections", "la veille de Noël"])
def test_the_eve_of_an_event_is_not_counted_from_publication(text):
    assert find_dates(text, PUB) == []


def test_la_veille_alone_is_the_day_before_publication():
    assert str(parse_date("la veille, il a parlé", PUB).from_) == "2025-11-02"


@pytest.mark.parametrize("text, year", [
    ("En 2001 nous avons gagné.", "2001"), ("Fin 2024 ils sont partis.", "2024"), ("en fin d'année", "2025"),
])
def test_years_after_a_date_word(text, year):
    assert str(parse_date(text, PUB).from_) == f"{year}-01-01"


# One bare weekday, one day (issue 16): a mention whose sentence gives no tense (a headline)
# takes the day the same weekday gets where a sentence gives one. PUB is Monday 3 November.
@pytest.mark.parametrize("text, expected", [
    ("SAMEDI : LA GRANDE MARCHE\n\nSamedi matin, les manifestants se rassembleront place Bellecour.",
     ["2025-11-08", "2025-11-08"]),
    ("Dimanche, jour de vote\n\nLes électeurs voteront dimanche dans tout le pays.", ["2025-11-09", "2025-11-09"]),
    ("Vendredi noir à la bourse\n\nVendredi, le CAC 40 a perdu 4 %.", ["2025-10-31", "2025-10-31"]),
    ("Marche samedi.\n\nSamedi, ils se retrouveront à 14 h.", ["2025-11-08", "2025-11-08"]),
])
def test_a_weekday_without_tense_takes_the_day_its_article_gives_it(text, expected):
    assert [str(d.from_) for d in find_dates(text, PUB)] == expected


def test_two_tensed_mentions_of_a_weekday_that_disagree_stay_two_days():
    dates = find_dates("SAMEDI\n\nSamedi, ils ont manifesté. Ils reviendront samedi.", PUB)
    assert [str(d.from_) for d in dates] == ["2025-11-01", "2025-11-01", "2025-11-08"]


def test_a_weekday_with_its_own_word_neither_gives_nor_takes_the_day():
    dates = find_dates("SAMEDI\n\nIls reviendront samedi prochain. Samedi dernier, ils ont défilé.", PUB)
    assert [str(d.from_) for d in dates] == ["2025-11-01", "2025-11-08", "2025-11-01"]
    other = find_dates("LUNDI\n\nIls se réuniront mardi.", PUB)
    assert [str(d.from_) for d in other] == ["2025-11-03", "2025-11-04"]


# Anaphoric days (issue 16; calendar.toml's anaphoric_days): counted from the last single day
# the text named before them, never invented when it named none.
@pytest.mark.parametrize("text, expected", [
    ("Le même jour, il a déclaré que la trêve tenait.", "2025-10-30"),
    ("Ce jour-là, elle a affirmé que rien n'était décidé.", "2025-10-30"),
    ("Il a parlé le jour même.", "2025-10-30"),
    ("Le lendemain, le syndicat a réagi.", "2025-10-31"),
    ("Le  surlendemain, le syndicat a réagi.", "2025-11-01"),
])
def test_anaphoric_days_count_from_the_last_day_named(text, expected):
    from claimcheck.dates import find_next_day

    found = find_next_day(text, "Le 28 octobre, rien. Le 30 octobre, la trêve est signée.", PUB)
    assert [str(d.from_) for d in found] == [expected]


@pytest.mark.parametrize("text", ["Le même jour, il a parlé.", "Le lendemain du vote, il a parlé."])
def test_no_anaphoric_day_without_a_day_to_count_from(text):
    from claimcheck.dates import find_next_day

    before = "Rien n'est daté ici." if "même" in text else "Le 30 octobre, la trêve est signée."
    assert find_next_day(text, before, PUB) == []


# Feasts (issue 16; calendar.toml's fixed_feasts and movable_feasts). PUB is Monday 3 November 2025.
@pytest.mark.parametrize("year, easter", [
    (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2019, "2019-04-21"),
    (2000, "2000-04-23"), (1818, "1818-03-22"), (2038, "2038-04-25"), (1961, "1961-04-02"),
])
def test_easter_sunday_by_the_gregorian_computus(year, easter):
    from claimcheck.dates import _easter

    assert str(_easter(year)) == easter


@pytest.mark.parametrize("text, expected", [
    ("Il est parti à Noël.", ("Noël", "2024-12-25")),             # the latest one on or before publication
    ("Il reviendra à Noël.", ("Noël", "2025-12-25")),             # the sentence puts it ahead
    ("Les soldes reprendront après la Toussaint.", ("la Toussaint", "2026-11-01")),  # 1 Nov 2025 is past
    ("Depuis l'Ascension, il pleut.", ("l'Ascension", "2025-05-29")),
    ("À Pâques 2024, il a neigé.", ("Pâques 2024", "2024-03-31")),
    ("Le lundi de Pentecôte est travaillé.", ("Le lundi de Pentecôte", "2025-06-09")),
    ("Le 14-Juillet, le défilé a eu lieu.", ("Le 14-Juillet", "2025-07-14")),
    ("Ils ont défilé avant Mardi gras.", ("Mardi gras", "2025-03-04")),
])
def test_a_feast_is_its_day(text, expected):
    assert [(d.text, str(d.from_)) for d in find_dates(text, PUB)] == [expected]


@pytest.mark.parametrize("text", ["Noël Mamère a dit non.", "La veille de Noël, rien.", "Pâques est une fête."])
def test_a_feast_name_without_a_preposition_is_no_date(text):
    assert find_dates(text, PUB) == []


# False dates (issue 16): a date that names a place, a day joined to its month by a hyphen
# in a name, a year's end that qualifies a noun.
@pytest.mark.parametrize("text", [
    "Il habite rue du 4-Septembre.", "Il habite rue du 4 Septembre à Paris.", "la place du 8 Mai 1945",
    "l'avenue du 11 novembre", "les élèves du lycée du 14 juillet", "un repas de fin d'année",
    "les fêtes de fin d'année",
])
def test_a_date_in_a_name_is_no_date(text):
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize("text, expected", [
    ("Le 4 septembre, il a parlé place de la République.", "2025-09-04"),
    ("Il a parlé le 11 novembre place de la Bastille.", "2024-11-11"),
    ("Au cours du 3 mai, la grève a pris fin.", "2025-05-03"),
])
def test_a_date_beside_a_place_is_still_a_date(text, expected):
    assert [str(d.from_) for d in find_dates(text, PUB)] == [expected]


# Months and years without a day (issue 16): a month with no year of its own is in the year
# its sentence wrote before it; "en 95" is a year. PUB is 3 November 2025.
@pytest.mark.parametrize("text, expected", [
    ("deux incendies en 95 (en mars et en juin)", [("95", "1995"), ("mars", "1995-03"), ("juin", "1995-06")]),
    ("Il y a eu deux incendies en 1995, en mars et en juin.", [("1995", "1995"), ("mars", "1995-03"), ("juin", "1995-06")]),
    ("En mars 2019 puis en juin, il a parlé.", [("mars 2019", "2019-03"), ("juin", "2019-06")]),
    ("rien en 96", [("96", "1996")]),
    ("né en 05 à Paris", [("05", "2005")]),
])
def test_a_month_takes_the_year_its_sentence_named(text, expected):
    got = [(d.text, str(d.from_)[:4] if d.granularity == "year" else str(d.from_)[:7]) for d in find_dates(text, PUB)]
    assert got == expected


def test_a_sentence_end_forgets_the_year():
    dates = find_dates("En 2019, il a voté. En mars, il a parlé.", PUB)
    assert [str(d.from_) for d in dates] == ["2019-01-01", "2025-03-01"]


@pytest.mark.parametrize("text", ["Il l'a fait en 30 minutes.", "en 24 heures", "en 12 mois", "en 10 ans"])
def test_two_digits_before_a_noun_are_no_year(text):
    assert find_dates(text, PUB) == []
