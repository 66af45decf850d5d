"""Sources and source dates: French constructions the first pipeline missed (issue 3).

Each case is a sentence written for the test, not taken from the corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.dates import find_next_day
from conftest import claim_with, sources_of


def _names(claim):
    return [s.canonical for s in sources_of(claim)]


def _source(claim, name):
    hits = [s for s in sources_of(claim) if s.canonical == name]
    assert hits, f"{name!r} not among {_names(claim)}"
    return hits[0]


def _days(src):
    return [(str(d.from_), str(d.to)) for d in src.dates]


# --- pure date helpers -------------------------------------------------------------------------

def test_next_day_counts_from_the_last_day_named_before():
    before = "Le ministre a été limogé le 3 mars. "
    found = find_next_day("Le syndicat a réagi le lendemain.", before, date(2024, 3, 10))
    assert [(str(d.from_), d.text) for d in found] == [("2024-03-04", "le lendemain")]


def test_next_day_without_a_day_before_invents_nothing():
    assert find_next_day("Le syndicat a réagi le lendemain.", "Rien ici.", date(2024, 3, 10)) == []


def test_next_day_of_an_event_is_not_resolved():
    # "le lendemain de l'élection" counts from the election, which the text does not date here
    assert find_next_day("Il a parlé le lendemain de l'élection.", "le 3 mars", date(2024, 3, 10)) == []


# --- pipeline --------------------------------------------------------------------------------

pytestmark_model = pytest.mark.model


@pytestmark_model
def test_chain_participle_with_its_date_before_par(analyze):
    r = analyze("Une enquête publiée jeudi 2 mai par Le Monde affirme que l'usine rejetait du mercure.",
                published="2024-05-06")
    claim = claim_with(r, "rejetait du mercure")
    assert claim.attributed
    assert _days(_source(claim, "Le Monde")) == [("2024-05-02", "2024-05-02")]


@pytestmark_model
def test_le_lendemain_is_the_source_date_of_a_statement(analyze):
    r = analyze("Le directeur a été licencié le 3 mars. La CGT a publié le lendemain un communiqué "
                "affirmant que la décision était injuste.", published="2024-03-10")
    claim = claim_with(r, "la décision était injuste")
    assert _days(_source(claim, "CGT")) == [("2024-03-04", "2024-03-04")]


@pytestmark_model
def test_a_date_in_the_speakers_apposition_is_not_when_they_spoke(analyze):
    r = analyze("Jean Dupont, aujourd'hui consultant à Paris, a indiqué que la réforme avait échoué.",
                published="2024-03-10")
    claim = claim_with(r, "la réforme avait échoué")
    assert _days(_source(claim, "Jean Dupont")) == []


@pytestmark_model
def test_an_institution_noun_is_not_a_persons_epithet(analyze):
    r = analyze("Face aux élus de l'opposition, Paul Martin a pris la parole au conseil. "
                "La séance a repris à midi, ce qui a permis, d'après l'opposition, un vote rapide.")
    claim = claim_with(r, "un vote rapide")
    assert [(s.canonical, s.type) for s in sources_of(claim)] == [("opposition", "organization")]


@pytestmark_model
def test_adjectives_make_another_institution_than_the_gazetteer_prefix(analyze):
    r = analyze("Le Conseil national syrien a affirmé que les combats continuaient dans le nord.")
    assert _names(claim_with(r, "les combats continuaient")) == ["Conseil national syrien"]


@pytestmark_model
def test_the_institution_named_after_a_place_is_the_source(analyze):
    r = analyze("D'après un rapport de la mairie de Toulouse, le trafic a baissé de 10 %.")
    src = sources_of(claim_with(r, "le trafic a baissé"))
    assert [(s.canonical, s.type) for s in src] == [("mairie de Toulouse", "organization")]


@pytestmark_model
def test_negated_de_source_names_no_source(analyze):
    r = analyze("La nouvelle n'a pas été confirmée de source officielle dans la capitale.")
    assert not claim_with(r, "confirmée de source officielle").attributed


@pytestmark_model
def test_the_documentary_points_back_to_the_outlet(analyze):
    r = analyze("Un reportage diffusé par la BBC accuse le ministre de corruption. "
                "« Les preuves sont nombreuses et accablantes », ajoute le documentaire.")
    claim = claim_with(r, "Les preuves sont nombreuses")
    assert [(s.canonical, s.type) for s in sources_of(claim)] == [("BBC", "media")]


@pytestmark_model
def test_the_object_of_a_control_verb_is_who_speaks(analyze):
    r = analyze("Le rapport a convaincu le maire de la ville, Jacques Morel, de demander une enquête : "
                "« Nous devons connaître toute la vérité sur ce chantier »")
    assert _names(claim_with(r, "toute la vérité")) == ["Jacques Morel"]


@pytestmark_model
def test_members_named_after_dont_are_sources(analyze):
    r = analyze("Les associations écologistes, dont Greenpeace, ont dénoncé ce projet de mine.")
    names = _names(claim_with(r, "ce projet de mine"))
    assert "Greenpeace" in names and "ce projet de mine" not in names


@pytestmark_model
def test_a_reflexive_speech_verb_after_a_quote(analyze):
    r = analyze("« Les ventes ont progressé de 12 % cette année » s'est réjoui le ministre Paul Martin à Lyon.")
    assert _names(claim_with(r, "Les ventes ont progressé")) == ["Paul Martin"]


@pytestmark_model
def test_il_after_a_speaker_named_in_the_same_sentence(analyze):
    r = analyze("Jean Valjean était présent à la réunion. « Nous allons gagner cette bataille » a déclaré "
                "Marie Curie à Lyon où elle a promis un nouveau départ.")
    assert _names(claim_with(r, "Nous allons gagner")) == ["Marie Curie"]


@pytestmark_model
def test_an_estimate_with_a_figure_is_attributed(analyze):
    r = analyze("Le site RealClearPolitics estime à 2 points l'écart entre les deux candidats.")
    claim = claim_with(r, "l'écart entre les deux candidats")
    assert [(s.canonical, s.type) for s in sources_of(claim)] == [("RealClearPolitics", "media")]


@pytestmark_model
def test_a_name_before_the_subjects_description_is_the_speaker(analyze):
    r = analyze("Martine Aubry, la maire de Lille se dit « très inquiète » et pense que la crise va durer.")
    assert _names(claim_with(r, "la crise va durer")) == ["Martine Aubry"]


@pytestmark_model
def test_an_outlet_named_after_agence_relays_the_speaker(analyze):
    r = analyze("Du pétrole a été découvert au large, a annoncé à l'agence Reuters Jean Martin, géologue.")
    claim = claim_with(r, "Du pétrole a été découvert")
    assert {(s.canonical, s.role) for s in sources_of(claim)} >= {("Jean Martin", "origin"), ("Reuters", "relay")}


@pytestmark_model
def test_a_participle_ends_an_inverted_subject(analyze):
    r = analyze("Le climat se réchauffe plus vite que prévu, indique une étude réalisée en France et en Allemagne.")
    src = sources_of(claim_with(r, "Le climat se réchauffe"))
    assert [s.type for s in src] == ["anonymous"]
    assert "France" not in _names(claim_with(r, "Le climat se réchauffe"))


@pytestmark_model
def test_a_passive_speech_verb_without_agent_names_no_source(analyze):
    r = analyze("Les retards de la société Alstom sont pointés du doigt dans ce dossier.")
    assert not claim_with(r, "Les retards de la société Alstom").attributed


@pytestmark_model
def test_le_rapport_is_the_report_of_the_last_organization_cited(analyze):
    r = analyze("Le BEA a affirmé que l'enquête était terminée. L'avion avait été livré par Airbus en 2005. "
                "Selon le rapport, les pilotes ont réagi trop tard.")
    assert _names(claim_with(r, "les pilotes ont réagi trop tard")) == ["BEA"]


@pytestmark_model
def test_a_third_party_reported_inside_a_quote_is_the_origin(analyze):
    r = analyze("« La préfecture nous a assuré que la digue tiendrait jusqu'au printemps. Elle a cédé en "
                "janvier » a indiqué Paul Martin, maire du village.")
    claim = claim_with(r, "la digue tiendrait")
    roles = {(s.canonical, s.role) for s in sources_of(claim)}
    assert ("Paul Martin", "relay") in roles
    assert any(role == "origin" and "préfecture" in name.lower() for name, role in roles)


@pytestmark_model
def test_a_named_speakers_words_quoted_with_a_plain_object_stay_the_speakers(analyze):
    # "Le président Obama a promis le changement" inside a quote is the quoted speaker's claim
    r = analyze("« Le maire a promis un nouveau stade, mais il n'a rien construit » a déclaré Jeanne Morel.")
    assert _names(claim_with(r, "a promis un nouveau stade")) == ["Jeanne Morel"]


@pytestmark_model
def test_a_bare_quote_after_a_quote_of_several_sentences(analyze):
    r = analyze("Paul Martin a ensuite pris la parole. « Nous refusons ce texte. Vous avez trahi vos "
                "électeurs ! ». « Vous vous êtes moqués de cette assemblée ! ».")
    assert _names(claim_with(r, "Vous vous êtes moqués")) == ["Paul Martin"]


@pytestmark_model
def test_a_repeated_description_names_the_person_it_was_given_to(analyze):
    r = analyze("L'ancien directeur de la banque régionale, Pierre Lemoine, a quitté la ville en mai. "
                "Mais l'ancien directeur de la banque régionale fait remarquer que les comptes étaient faux.")
    assert _names(claim_with(r, "les comptes étaient faux")) == ["Pierre Lemoine"]


@pytestmark_model
def test_fait_remarquer_read_from_its_infinitive(analyze):
    r = analyze("Mais le président du club fait remarquer que les joueurs peuvent partir librement.")
    claim = claim_with(r, "les joueurs peuvent partir")
    assert claim.attributed


@pytestmark_model
def test_a_speech_noun_before_selon_names_the_origin(analyze):
    r = analyze("Le texte cite notamment les avertissements de Vladimir Poutine du 3 mars selon Le Monde "
                "et Reuters du 4 mars.", published="2024-03-10")
    claim = claim_with(r, "les avertissements de Vladimir Poutine")
    putin = _source(claim, "Vladimir Poutine")
    assert putin.role == "origin" and _days(putin) == [("2024-03-03", "2024-03-03")]
    assert _source(claim, "Le Monde").role == "relay"
    assert _days(_source(claim, "Reuters")) == [("2024-03-04", "2024-03-04")]


@pytestmark_model
def test_l_organisation_after_an_organization_cited_in_the_same_sentence(analyze):
    r = analyze("L'UNESCO a inscrit la ville au patrimoine mondial. Le Hamas a affirmé que la trêve était finie ; "
                "l'organisation a ajouté que les frappes continueraient.")
    assert _names(claim_with(r, "les frappes continueraient")) == ["Hamas"]


@pytestmark_model
def test_a_speech_locution_with_an_adverb_inside(analyze):
    r = analyze("Greenpeace met également en cause les pêcheurs industriels du golfe.")
    assert _names(claim_with(r, "les pêcheurs industriels")) == ["Greenpeace"]


@pytestmark_model
def test_il_est_bon_de_rappeler_has_no_speaker(analyze):
    r = analyze("Jean Martin a quitté la salle. Le vote a eu lieu à midi ; il est bon de rappeler que la loi "
                "interdit ce type de scrutin.")
    assert "Jean Martin" not in _names(claim_with(r, "la loi interdit"))


@pytestmark_model
def test_dit_on_is_a_vague_source(analyze):
    r = analyze("La police a arrêté trois hommes qui, dit-on, avaient préparé l'attaque depuis des mois.")
    claim = claim_with(r, "avaient préparé l'attaque")
    assert [(s.type, s.canonical) for s in sources_of(claim)] == [("vague", "dit-on")]


@pytestmark_model
def test_a_clitic_object_attributes_the_sentence_before(analyze):
    r = analyze("La directrice Claire Dubois a été licenciée mardi dernier. Dubois l'avait annoncé sur son blog : "
                "« On m'a renvoyée sans motif. »", published="2024-03-10")
    assert _names(claim_with(r, "a été licenciée")) == ["Claire Dubois"]


@pytestmark_model
def test_c_est_ce_qu_a_annonce_attributes_the_sentence_before(analyze):
    r = analyze("Le musée fermera ses portes pendant deux ans. C'est ce qu'a annoncé la mairie de Lyon.")
    claim = claim_with(r, "Le musée fermera")
    assert claim.attributed and _names(claim) == ["mairie de Lyon"]


@pytestmark_model
def test_a_title_before_the_name_is_one_source(analyze):
    r = analyze("Selon le président de la Commission européenne, Jean Dupuis, les ventes ont reculé en Europe.")
    assert _names(claim_with(r, "les ventes ont reculé")) == ["Jean Dupuis"]


@pytestmark_model
def test_ecrit_after_a_quote_is_a_present_incise(analyze):
    r = analyze("Le ministre était connu pour « ses colères contre les syndicats du rail », écrit notamment "
                "le quotidien Le Figaro.")
    assert _names(claim_with(r, "ses colères contre les syndicats")) == ["Le Figaro"]


@pytestmark_model
def test_signifier_is_speech_for_a_named_actor_only(analyze):
    r = analyze("Le Kremlin a signifié que toute livraison d'armes serait une provocation. "
                "Ce vote signifie que la réforme entrera en vigueur en janvier. "
                "Les négociations sans Airbus signifient que les prix vont monter.")
    assert _names(claim_with(r, "toute livraison d'armes")) == ["Kremlin"]
    assert not claim_with(r, "la réforme entrera en vigueur").attributed
    assert not claim_with(r, "les prix vont monter").attributed


@pytestmark_model
def test_a_phrase_between_auxiliary_and_speech_participle(analyze):
    r = analyze("Le gouvernement grec, furieux, a de son côté dénoncé « une décision absurde et injuste » "
                "et a menacé les banques de poursuites.")
    claim = claim_with(r, "une décision absurde")
    assert claim.attributed and _names(claim) == ["gouvernement grec"]


@pytestmark_model
def test_un_reportage_in_a_title_is_the_one_the_article_attributes(analyze):
    r = analyze("Le ministre aurait menti sur ses comptes, selon un reportage\n\n"
                "Un reportage diffusé lundi par la BBC affirme que le ministre a caché deux comptes en Suisse.")
    claim = claim_with(r, "Le ministre aurait menti")
    assert [(s.canonical, s.type) for s in sources_of(claim)] == [("BBC", "media")]


@pytestmark_model
def test_a_detached_clause_does_not_end_on_its_conjunction(analyze):
    r = analyze("La rumeur n'a pas été vérifiée par la rédaction, mais le Conseil de sécurité de l'ONU a fait "
                "savoir que des sanctions étaient prêtes.")
    detached = [c for c in r.claims if not c.attributed and c.text.startswith("La rumeur")]
    assert detached and not detached[0].text.rstrip().endswith("mais"), [c.text for c in r.claims]
