"""Claims through the real spaCy model: cues, quotes, speakers, kinds, dates and what a claim carries."""

from __future__ import annotations

import pytest

import sitreps
from sitreps.evaluation import load_gold, run_gold_article, score_report
from sitreps.extract.quotes import find_quotes
from sitreps.ingest import RawArticle
from sitreps.pipeline import process
from tests.conftest import SEED_GOLD, need_shared


def report(text: str, *, genre: str | None = None, published: str = "2025-03-14") -> sitreps.Report:
    if genre:
        return process(RawArticle(text=text, source="<test>", genre_hint=genre), published=published)
    return sitreps.extract(text, published=published)


def speaker(rep: sitreps.Report, claim) -> str:
    names = {a.id: a.name for a in rep.actors}
    return names.get(claim.speaker, claim.speaker)


def claim_with(rep: sitreps.Report, text: str):
    found = [c for c in rep.claims if text in c.text]
    assert found, f"no claim contains {text!r}: {[c.text for c in rep.claims]}"
    return found[0]


# --- quotes (no model) ---------------------------------------------------------------------------------

def test_quotes_straight_curly_turned_and_unbalanced():
    text = ('He said "we will stay" and “they will go”. Aid is ”boots on the ground” now.\n'
            'She called it “cannon fodder in a war that never ends\nNext paragraph.')
    found = [text[q.start:q.end] for q in find_quotes(text)]
    assert found[:3] == ["we will stay", "they will go", "boots on the ground"]
    assert found[3] == "cannon fodder in a war that never ends"  # never closed: runs to the paragraph's end
    assert not find_quotes("It was the 1990s' war.")


# --- cues, speakers and spans --------------------------------------------------------------------------

def test_reporting_verb_speaker_cue_and_date_said():
    rep = report("KYIV, March 14 - Ukrainian Foreign Minister Andrii Sybiha told reporters on Thursday that "
                 "Russian forces had shelled Kharkiv overnight.")
    claim = claim_with(rep, "shelled Kharkiv")
    assert speaker(rep, claim) == "Andrii Sybiha"
    assert claim.cue == "told reporters"
    assert claim.kind == "report"
    assert claim.date == "2025-03-13"


def test_according_to_reportedly_and_passive_reports_are_unnamed_or_named():
    rep = report("According to the United Nations, 1.2 million people have fled the city. "
                 "Russia is reportedly offering recruits a bonus of $2,000. "
                 "Six officers were reported killed in the strike.")
    un = claim_with(rep, "1.2 million people")
    assert speaker(rep, un) == "United Nations" and un.cue.lower() == "according to"
    assert claim_with(rep, "a bonus of $2,000").speaker == "unnamed"
    passive = claim_with(rep, "Six officers")
    assert (passive.speaker, passive.cue) == ("unnamed", "reported")


def test_described_speakers_are_actors_of_their_own_kind():
    rep = report("Two Egyptian security sources said Israel had agreed to withdraw from the crossing. "
                 "Aid agencies say money is running out. "
                 '"We will hold the bridge," a soldier told reporters.')
    sources = claim_with(rep, "agreed to withdraw")
    assert speaker(rep, sources) == "Egyptian security sources"  # the count is not part of the name
    assert speaker(rep, claim_with(rep, "money is running out")) == "Aid agencies"
    soldier = next(a for a in rep.actors if a.id == claim_with(rep, "hold the bridge").speaker)
    assert (soldier.name, soldier.kind, soldier.sector) == ("soldier", "person", "MIL")
    agentless = report("Six people were reportedly killed in the raid.")
    assert claim_with(agentless, "Six people").speaker == "unnamed"  # no agent: unnamed stays


def test_a_quote_whose_speaker_comes_after_it():
    rep = report('"The road to the port will stay closed until Monday," said the district commissioner.')
    assert speaker(rep, claim_with(rep, "stay closed")) == "district commissioner"


def test_an_outlet_carrying_a_report_is_not_its_speaker_and_the_innermost_speaker_counts():
    rep = report("Residents told a regional newspaper that 14 houses were burned. "
                 "The radio station reported that police said nine people died.")
    names = {a.id: a.name for a in rep.actors}
    figures = {f.text: names.get(f.source, f.source) for f in rep.figures}
    assert speaker(rep, claim_with(rep, "14 houses")) == "Residents" and figures["14 houses"] == "Residents"
    assert figures["nine people"] == "police"


def test_attribution_in_the_next_sentence_and_at_a_sentences_end():
    rep = report("Two bridges over the river were destroyed overnight. This was reported by the regional "
                 "governor's office.\n\nRussian forces lost 1,200 soldiers in a week, the intelligence "
                 "directorate reported on Friday.")
    names = {a.id: a.name for a in rep.actors}
    figures = {f.text: names.get(f.source, f.source) for f in rep.figures}
    assert figures["Two bridges"] == "regional governor's office"
    assert speaker(rep, claim_with(rep, "bridges over the river")) == "regional governor's office"
    assert figures["1,200 soldiers"] == "intelligence directorate"


def test_reported_speech_goes_on_in_its_tense():
    rep = report("Business leaders announced that exports had dropped by 30 percent. "
                 "Hotel bookings had fallen by half.\n\nThe storm hit the coast on Monday.")
    continued = claim_with(rep, "Hotel bookings")
    assert speaker(rep, continued) == "Business leaders"
    assert not any("storm hit" in c.text for c in rep.claims)  # the writer's own past tense stays the writer's


def test_first_person_inside_a_quote_is_the_quoted_speaker():
    rep = report('Mediator Lina Haddad said the talks would resume. "We say the truce will hold because both '
                 'sides are exhausted."')
    assert speaker(rep, claim_with(rep, "the truce will hold")) == "Lina Haddad"


def test_pronoun_speaker_goes_on_with_the_last_speaker():
    rep = report('Governor Oleh Syniehubov said a drone had hit a hospital in Kharkiv. '
                 '"They are hitting homes while people sleep," he said. '
                 'The agency said 40 drones were launched. It estimated that 31 were shot down.')
    assert speaker(rep, claim_with(rep, "hitting homes")) == "Oleh Syniehubov"
    assert claim_with(rep, "31 were shot down").speaker == claim_with(rep, "40 drones").speaker


def test_quote_before_the_cue_and_a_quote_running_on_without_one():
    rep = report('"We are closer than we have ever been," Qatari spokesman Majed al-Ansari said on Tuesday. '
                 '"Nothing is agreed until everything is agreed."')
    first = claim_with(rep, "closer than we have ever been")
    assert speaker(rep, first) == "Majed al-Ansari"
    second = claim_with(rep, "Nothing is agreed")
    assert second.speaker == first.speaker and second.id != first.id


def test_a_second_cue_is_a_claim_of_its_own_and_a_nested_one_is_not():
    rep = report('"Our police showed restraint," the prime minister told a news conference, adding that the '
                 'opposition was financed from abroad. The ministry said officials had estimated that 300 '
                 'people were detained.')
    restraint, financed = claim_with(rep, "showed restraint"), claim_with(rep, "financed from abroad")
    assert restraint.id != financed.id and financed.cue == "adding"
    detained = claim_with(rep, "300")
    assert detained.cue == "said"  # "officials had estimated" is part of what the ministry said
    assert not any(c.cue == "estimated" for c in rep.claims)


def test_negated_and_infinitive_cues_say_nothing():
    rep = report("Kyiv did not comment on the reports. Neither side has acknowledged that talks took place.")
    assert rep.claims == []


# --- kinds ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind", [
    ("The ministry denied that its troops had fired on civilians.", "denial"),
    ("The cleric called on his followers to defy the curfew.", "prescription"),
    ('"We call on all parties to stop the shelling," the envoy said.', "prescription"),
    ('"The strike could have been avoided," the mayor said.', "opinion"),
    ('"We condemn this attack on a school," the minister said.', "opinion"),
    ('"Why would anyone fire on a hospital?" the governor asked.', "opinion"),
    ('"They never target the generals, only the conscripts," the commander said.', "opinion"),
    ("The spokesman described the damage to the port.", "report"),
    ('"We hope that by Friday we will have the road open," the official said.', "prediction"),
    ("The foreign minister urged both sides to return to the talks.", "prescription"),
    ("The general said the army must be ready to defend the border.", "prescription"),
    ("The rebels vowed that the offensive would continue.", "prediction"),
    ("The agency said rations could be cut by half next month.", "prediction"),
    ("The spokesman described the strike as a desperate act.", "opinion"),
    ("The minister said the sanctions were illegitimate.", "opinion"),
    ("The ministry said 40 drones had been shot down overnight.", "report"),
])
def test_kinds(sentence, kind):
    rep = report(sentence)
    assert len(rep.claims) == 1, [c.text for c in rep.claims]
    assert rep.claims[0].kind == kind


def test_opinion_article_author_claims():
    text = ("Taiwan needs help now\n\n"
            "Beijing sent 40 aircraft toward Taiwan on Monday, the defence ministry said. The drills lasted 13 hours.\n\n"
            "This is how blockades begin. Washington must speed up its arms deliveries. "
            "Congress will likely approve the package.\n\n"
            "The island has waited long enough for the weapons it paid for.\n")
    rep = report(text, genre="opinion")
    kinds = {c.text: c.kind for c in rep.claims if c.speaker == "author"}
    assert kinds.get("This is how blockades begin.") == "opinion"
    assert kinds.get("Washington must speed up its arms deliveries.") == "prescription"
    assert kinds.get("Congress will likely approve the package.") == "prediction"
    assert "The drills lasted 13 hours." not in kinds  # a plain fact is not a claim
    news = report(text)
    assert not any(c.speaker == "author" for c in news.claims)  # only opinion and analysis articles


def test_a_saying_that_goes_on_from_a_denial_denies_when_it_negates():
    rep = report("The army denied the report, saying that no troops had entered the town. The ministry "
                 "denied the charge, telling reporters that the militia had fired first.")
    assert claim_with(rep, "no troops had entered").kind == "denial"
    assert claim_with(rep, "militia had fired first").kind == "report"  # a counter-charge is told, not denied


def test_claims_carry_their_figures_and_events():
    rep = report("Ukraine's air force said Russia had launched 84 drones and six missiles at Ukraine overnight.")
    claim = claim_with(rep, "84 drones")
    figures = {f.id: f.text for f in rep.figures}
    assert any("84" in figures[ref] for ref in claim.about if ref.startswith("F"))
    assert any(ref.startswith("E") for ref in claim.about)


# --- the seed's gold --------------------------------------------------------------------------------------

def test_seed_claims_speakers_and_kinds():
    gold = load_gold(need_shared(SEED_GOLD))
    rep = run_gold_article(gold, sitreps.Settings())
    score = score_report(gold, rep, ["claims"])["claims"]
    wrong = {f.text for f in score.wrong_fields if f.detail.split()[0] in {"speaker", "kind"}}
    right = score.true_positives - len(wrong)
    assert right >= 11, f"{right} of {score.gold} seed claims with the right speaker and kind; wrong: {wrong}"
