"""Cue detection on short sentences: every family, both orders, and negatives."""

from __future__ import annotations

import pytest

from conftest import sources_of

pytestmark = pytest.mark.model

# (sentence, expected source canonical, or None when the sentence carries no attribution)
CASES = [
    # prepositions and locutions
    ("Selon CNN, le missile a été livré hier.", "CNN"),
    ("Le missile a été livré hier, selon CNN.", "CNN"),
    ("D'après Reuters, les pourparlers ont échoué.", "Reuters"),
    ("D’après l’AFP, trois personnes ont été arrêtées.", "AFP"),
    ("Les pourparlers ont échoué, d'après Le Monde.", "Le Monde"),
    ("À en croire Politico, la réunion aura lieu à Budapest.", "Politico"),
    ("Aux dires de Mark Rutte, les alliés veulent agir.", "Mark Rutte"),
    ("De source diplomatique, la rencontre est annulée.", "anonymous"),
    ("Pour le procureur, 3 millions d'euros auraient été volés.", "anonymous"),
    ("Pour Human Rights Watch, la torture est systématique en Syrie.", "Human Rights Watch"),
    ("Selon le Kremlin, aucune décision n'a été prise.", "Kremlin"),
    ("Selon des sources proches du dossier, Trump a refusé.", "anonymous"),
    ("Selon tous les rapports, Trump a refusé.", "vague"),
    ("Selon plusieurs sources, le sommet est reporté.", "vague"),
    ("Selon un haut responsable français, la paix est lointaine.", "anonymous"),
    ("Selon l'OTAN, les alliés enverront des troupes.", "OTAN"),
    ("Selon Radio Free Europe/Radio Liberty, Kyiv a été frappée.", "RFE/RL"),
    ("Selon RFE/RL, Kyiv a été frappée.", "RFE/RL"),
    ("Selon le Kyiv Independent, 40 drones ont été abattus.", "Kyiv Independent"),
    ("Selon CNN, Reuters et Times of India, Poutine met en garde.", "Times of India"),
    # chains
    ("Le rapport du Pentagone cité par CNN affirme que les stocks suffisent.", "Pentagone"),
    ("Selon le rapport du Pentagone cité par CNN, les stocks suffisent.", "CNN"),
    ("Selon Zelensky cité par Reuters, les frappes continuent.", "Reuters"),
    ("Selon CNN citant des sources officielles, Poutine a menacé Trump.", "CNN"),
    ("Selon la déclaration relayée par l'AFP, le cessez-le-feu tient.", "AFP"),
    ("Selon les révélations de CNN, Trump a refusé les missiles.", "CNN"),
    ("Un reportage diffusé par Al Jazeera sème le doute sur la mort d'Arafat.", "Al Jazeera"),
    # reporting verbs, both orders, inverted incises
    ("Scott Bessent a déclaré que le Trésor sanctionne Rosneft.", "Scott Bessent"),
    ("Le Kremlin a affirmé que les sanctions n'auront aucun effet.", "Kremlin"),
    ("Le ministère a indiqué que 12 soldats ont été tués.", "anonymous"),
    ("Emmanuel Macron a annoncé la fermeture de l'usine.", "Emmanuel Macron"),
    ("Le BEA a expliqué que les sondes avaient givré.", "BEA"),
    ("L'ONG estime que 200 détenus sont morts.", "anonymous"),
    ("Angela Merkel a précisé que l'Allemagne ne paierait pas.", "Angela Merkel"),
    ("Le président a souligné que l'économie repart.", "anonymous"),
    # an expert's role noun points back to the person just named (Donald Trump, in CONTEXT)
    ("L'expert a précisé que les poils sont ceux d'un primate.", "Donald Trump"),
    ("Lavrov a démenti toute implication russe dans l'attaque.", "Lavrov"),
    ("Les Russes, a déclaré Lavrov, n'accepteraient jamais une telle chose.", "Lavrov"),
    ("La Suisse n'extradera pas le suspect, estime Berne.", "Berne"),
    ("Aucune victime n'est à déplorer, indique le communiqué.", "anonymous"),
    ("« Nous ne céderons pas », a déclaré Volodymyr Zelensky.", "Volodymyr Zelensky"),
    ("« La paix est proche », a-t-il ajouté.", "Donald Trump"),
    ("« Une paix mal faite vaut mieux qu'une guerre », lâche un diplomate allemand.", "anonymous"),
    ("Maria Zakharova a déclaré lors d'un point de presse : « Les sanctions ne poseront pas de problème ».", "Maria Zakharova"),
    ("Le secrétaire au Trésor, Scott Bessent, a averti que d'autres mesures suivraient.", "Scott Bessent"),
    ("Trump affirme que Poutine l'a appelé personnellement.", "Donald Trump"),
    ("Poutine a mis en garde contre une escalade nucléaire.", "Poutine"),
    ("Human Rights Watch dénonce les actes de torture dans les prisons syriennes.", "Human Rights Watch"),
    # governments and their bodies are organizations (guide §3), named by the article's words
    ("Le gouvernement a confirmé que 8 000 emplois seront supprimés.", "organization"),
    ("Le ministère de la Défense a indiqué que 12 soldats ont été tués.", "organization"),
    ("Jean-Michel Larqué a raconté que Thierry Roland se sentait faible.", "Jean-Michel Larqué"),
    ("Le CERN a annoncé la découverte d'une nouvelle particule.", "CERN"),
    # parenthetical citations
    ("Trump a parlé à Poutine (Reuters, 4 novembre 2025).", "Reuters"),
    ("La rencontre est confirmée (Ukrinform, Interfax, UNN, 4-5 novembre 2025).", "Interfax"),
    ("Des contacts existeraient (analyse Politico, BBC, novembre 2025).", "Politico"),
    # negatives
    ("Selon toute vraisemblance, la guerre va durer.", None),
    ("Les prix varient selon les cas.", None),
    ("Les données sont classées selon la source.", None),
    ("Je comprends le timing.", None),
    ("Pour l'instant, l'Europe observe la scène.", None),
    ("Les Tomahawks volent près du sol.", None),
    ("Il a vendu sa voiture pour 3 000 euros.", None),
    ("L'Office of Foreign Assets Control (OFAC) impose des sanctions.", None),
    ("Les accords de paix ont échoué (Bosnie, Kosovo, Afghanistan).", None),
    ("400 Français ont demandé à être rapatriés.", None),
    ("Le confinement « préventif et obligatoire » est levé.", None),
    ("Personne ne dit assez fort la vérité.", None),
    ("Rien n'indique un changement dans cette équation.", None),
    ("Je pense que la guerre va durer.", None),
]

CONTEXT = "Donald Trump est arrivé à Miami. "


def _found(report, sentence):
    start = report.article.text.index(sentence)
    claims = [c for c in report.claims if c.span[0] <= start < c.span[1]]
    return claims[0] if claims else None


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cue(analyze, sentence, expected):
    report = analyze(CONTEXT + sentence)
    claim = _found(report, sentence)
    if expected is None:
        assert claim is None or not claim.attributed, [
            (a.cue.text, [s.canonical for s in a.sources]) for a in claim.attributions]
        return
    assert claim is not None and claim.attributed, f"no attribution found in {sentence!r}"
    got = sources_of(claim)
    names = {s.canonical for s in got} | {s.type for s in got}
    assert expected in names, [(s.canonical, s.type) for s in got]


def test_role_noun_without_a_person_before_is_anonymous(analyze):
    report = analyze("L'expert a précisé que les poils sont ceux d'un primate.")
    sources = sources_of(report.claims[0])
    assert [(s.type, s.canonical) for s in sources] == [("anonymous", "L'expert")]


def test_verbs_inside_a_quote_are_the_speakers_words(analyze):
    report = analyze("« Les résultats révèlent des mortalités bien plus rapides », résume l'universitaire Gilles Séralini.")
    names = [s.canonical for s in sources_of(report.claims[0])]
    assert names == ["Gilles Séralini"]


def test_a_clause_no_cue_covers_is_a_claim_of_its_own(analyze):
    text = ("Thierry Roland commentait le match. Alors que l'arbitre avait accordé un penalty aux Bulgares, "
            "il avait alors lâché : « M. Foote, vous êtes un salaud ! »")
    report = analyze(text)
    clause = [c for c in report.claims if c.text.startswith("Alors que l'arbitre") and not c.attributed]
    assert clause and "«" not in clause[0].text, [(c.text, c.attributed) for c in report.claims]
    assert any(c.attributed and "salaud" in c.text for c in report.claims)


def test_main_clause_above_a_speech_participle_is_a_claim(analyze):
    text = ("Toute la classe politique française a violemment réagi contre cette annonce, "
            "la droite pointant du doigt le manque de compétitivité des entreprises.")
    report = analyze(text)
    assert any(not c.attributed and c.text.startswith("Toute la classe politique") and "droite" not in c.text
               for c in report.claims), [(c.text, c.attributed) for c in report.claims]


def test_an_enumeration_of_sourced_facts_gives_one_claim_each(analyze):
    text = ("Les informations proviennent notamment des déclarations de Donald Trump selon Reuters du 2 novembre, "
            "du rapport du Pentagone selon CNN du 31 octobre, et des données du CSIS selon The Hill du 3 novembre.")
    report = analyze(text)
    # each claim: the owner of the speech noun as origin, the outlet after *selon* as relay (guide §2-3)
    sources = [[(s.canonical, s.role) for a in c.attributions for s in a.sources] for c in report.claims]
    assert sources == [[("Donald Trump", "origin"), ("Reuters", "relay")],
                       [("Pentagone", "origin"), ("CNN", "relay")],
                       [("Center for Strategic and International Studies", "origin"), ("The Hill", "relay")]], sources


def test_an_incise_governs_what_precedes_it(analyze):
    report = analyze("Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros, a déclaré le procureur François Molins.")
    assert [(c.attributed, [s.canonical for a in c.attributions for s in a.sources]) for c in report.claims] == [
        (True, ["François Molins"])]
