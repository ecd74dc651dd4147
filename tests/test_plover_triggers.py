"""PLOVER triggers: the CAMEO-derived verb patterns beside the hand-made lexicon, nominal events, mode names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

import sitreps
from sitreps.extract import plover
from sitreps.extract.plover_patterns import parse_pattern
from sitreps.resources import data_path, load_yaml
from tests.conftest import ROOT, SHARED, need_shared

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _script(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


# --- the data (no model) ----------------------------------------------------------------------------------------

def test_every_sense_uses_a_plover_type_and_a_mode_the_manual_gives_it():
    words = plover.build_lexicon()
    senses = [e.sense for e in words.derived.values() if e.sense]
    senses += [p.sense for e in words.derived.values() for p in e.patterns if p.sense]
    senses += [(e.sense.type, e.sense.mode) for by_first in words.compounds.values() for e in by_first.values()]
    assert len(senses) > 3000
    for kind, mode in senses:
        assert kind in TYPES, (kind, mode)
        assert mode is None or mode in words.modes[kind], (kind, mode)


def test_the_mode_names_are_the_manuals():
    modes = load_yaml("events.yaml")["modes"]
    assert "demo" in modes["PROTEST"] and "demonstrate" not in modes["PROTEST"]
    assert "targeted" in modes["ASSAULT"] and "unconventional" in modes["ASSAULT"]
    assert not {"assassinate", "cbrn"} & set(modes["ASSAULT"])
    assert "deport" in modes["COERCE"] and "expel" not in modes["COERCE"]
    assert modes["CONCEDE"] == [] and modes["AGREE"] == []


def test_the_derived_file_carries_its_licence_and_the_pruning_list_names_only_derived_entries():
    head = data_path(plover.DERIVED).read_text(encoding="utf-8")[:3000]
    assert "MIT License" in head and "CC BY-SA 4.0" in head and "derive_plover_triggers.py" in head
    notice = data_path("NOTICE.md").read_text(encoding="utf-8")
    assert "PETRARCH2" in notice and "CAMEO2PLOVER" in notice
    everything = plover.build_lexicon()
    keys = {e.key for e in everything.derived.values()} | {p.key for e in everything.derived.values() for p in e.patterns}
    pruned = plover.pruned_keys()
    assert pruned and pruned <= keys
    shipped = plover.lexicon()
    assert not any(p.key in pruned for e in shipped.derived.values() for p in e.patterns)


def test_a_pruned_root_keeps_its_patterns_that_name_their_context_but_not_its_bare_verbs():
    """Of a root whose firing entries added false hits, the verb-alone senses stay out unless measured to add
    correct events; its patterns naming an object, subject or a preposition's noun stay unless measured bad."""
    _, roots, measured = plover._pruning()
    pruned = plover.pruned_keys()
    everything, shipped = plover.build_lexicon(), plover.lexicon()
    shipped_keys = {e.key for e in shipped.derived.values() if e.sense} | {
        p.key for e in shipped.derived.values() for p in e.patterns}
    in_roots = [(e, p) for e in everything.derived.values() for p in e.patterns
                if p.sense and p.sense[0] in roots and p.key not in pruned and p.key not in measured]
    contextual = [p for _, p in in_roots if p.names_context]
    bare = [p for _, p in in_roots if not p.names_context]
    assert len(contextual) > 1000 and bare
    assert all(p.key in shipped_keys for p in contextual)
    assert not any(p.key in shipped_keys for p in bare)
    verbs = [e for e in everything.derived.values() if e.sense and e.sense[0] in roots and e.key not in measured]
    assert verbs and not any(e.key in shipped_keys for e in verbs)
    synsets, particles = {"military": ["troop"]}, frozenset({"off"})
    assert parse_pattern("take: into custody", "(into custody)", "COERCE/arrest", synsets, particles).names_context
    assert parse_pattern("call: off", "off", "SANCTION", synsets, particles).names_context is False
    assert parse_pattern("accelerate: (to)", "(to)", "CONSULT/visit", synsets, particles).names_context is False


def test_patterns_read_particles_objects_phrases_and_subjects():
    synsets = {"military": ["troop", "armed force"], "investigation": ["inquiry", "investigation"]}
    particles = frozenset({"out", "up", "down"})
    pattern = parse_pattern("carry: out {air strike} (against)", "out {air strike} (against)", "ASSAULT/aerial",
                            synsets, particles)
    assert pattern.particle == "out" and pattern.object == {"strike": (("air",),)}
    assert pattern.preps == (("against", None),) and pattern.sense == ("ASSAULT", "aerial") and pattern.size == 4
    pattern = parse_pattern("launch: &investigation (into {war crime})", "&investigation (into {war crime})",
                            "ACCUSE/investigate", synsets, particles)
    assert set(pattern.object) == {"inquiry", "investigation"} and pattern.preps == (("into", {"crime": (("war",),)}),)
    pattern = parse_pattern("stage: &military * exercise", "&military * exercise", "MOBILIZE/troops", synsets,
                            particles)
    assert pattern.subject == {"troop": ((),), "force": (("armed",),)} and set(pattern.object) == {"exercise"}
    assert parse_pattern("impose: tax", "tax", None, synsets, particles).sense is None  # no event


def test_the_derivation_script_remakes_the_shipped_file(tmp_path):
    datasets = need_shared(SHARED / "datasets" / "petrarch2-dictionaries").parent
    need_shared(datasets / "plover" / "CAMEO2PLOVER-2021.txt")
    script = _script("derive_plover_triggers", ROOT / "scripts" / "derive_plover_triggers.py")
    out = tmp_path / "triggers.yaml"
    assert script.main([str(datasets), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == data_path(plover.DERIVED).read_text(encoding="utf-8")


def test_cameo_codes_map_to_the_guides_types():
    script = _script("derive_plover_triggers", ROOT / "scripts" / "derive_plover_triggers.py")
    table = {"163": ("COERCE", "restrict", "diplomatic"), "185": ("ASSAULT", "assassinate", ""),
             "0841": ("RETREAT", "release", "legal"), "071": ("AID", "", "economic"), "14": ("PROTEST", "", ""),
             "141": ("PROTEST", "demo", ""), "055": ("SUPPORT", "", "diplomatic"), "04": ("CONSULT", "", "")}
    assert script.sense_of("163", table) == "SANCTION/discontinue"  # sanctions are SANCTION in the guide
    assert script.sense_of("185", table) == "ASSAULT/targeted"  # the manual's name
    assert script.sense_of("0841", table) == "RETREAT/release"
    assert script.sense_of("071", table) == "AID/economic"  # AID's context is its mode
    assert script.sense_of("1411", table) == "PROTEST/demo"  # a 4-digit code without a row takes its 3-digit one
    assert script.sense_of("055", table) == "CONCEDE"  # an apology
    assert script.sense_of("010", table) is None and script.sense_of("---", table) is None
    assert script.sense_of("023", table) == "REQUEST/assist"  # appeals are requests


# --- through the model ------------------------------------------------------------------------------------------

def _events(text: str) -> tuple[sitreps.Report, list[tuple[str, str | None, str, set[str], set[str]]]]:
    report = sitreps.extract(text, published="2025-03-14")
    country = {a.id: a.country for a in report.actors}
    return report, [(e.type, e.mode, e.modality, {country.get(a) for a in e.actor},
                     {country.get(a) for a in e.recipient}) for e in report.events]


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, mode", [
    ("Colombia's president apologized on Monday for the raid on Ecuadorian territory.", "CONCEDE", None),
    ("Germany halted aid to the Palestinian Authority after the elections.", "SANCTION", "discontinue"),
    ("The Security Council launched an investigation into the killings in Darfur.", "ACCUSE", "investigate"),
    ("Egyptian police cracked down on opposition supporters in Cairo.", "COERCE", None),
    ("Russian troops blew up a railway bridge near Gori on Sunday.", "ASSAULT", "destroy"),
    ("The Ethiopian government faced criticism from Britain over the aid programme.", "ACCUSE", "disapprove"),
])
def test_derived_verb_patterns(text, kind, mode):
    _, found = _events(text)
    assert (kind, mode) in {(k, m) for k, m, *_ in found}, found


@pytest.mark.slow
def test_the_hand_made_lexicon_wins_a_conflict():
    """"fight" is ASSAULT in the hand-made lexicon: no derived pattern turns it into another type; a light verb
    with an event noun keeps the noun's event ("carried out air strikes" stays aerial)."""
    _, found = _events("Syrian troops fought for control of the town against rebel fighters on Friday.")
    assert {k for k, *_ in found} == {"ASSAULT"}, found
    _, found = _events("American and British jets carried out air strikes on Houthi radar sites in Yemen.")
    assert [(k, m) for k, m, *_ in found] == [("ASSAULT", "aerial")], found


@pytest.mark.slow
def test_nominal_events():
    _, found = _events("The murder of a Russian journalist in Moscow was condemned by the European Union.")
    assert "ASSAULT" in {k for k, *_ in found}, found
    _, found = _events("A hunger strike by Palestinian prisoners in Israeli jails entered its third week.")
    assert ("PROTEST", "hunger") in {(k, m) for k, m, *_ in found}, found  # not an ASSAULT "strike"
    _, found = _events("There were protests in Tunis and Sfax on Saturday.")
    assert ("PROTEST", "demo") in {(k, m) for k, m, *_ in found}, found  # a bare plural with a place of its own
    _, found = _events("Russia completed the withdrawal of its troops from Georgia.")
    assert found and found[0][:2] == ("RETREAT", "withdraw") and found[0][3] == {"RUS"}, found


@pytest.mark.slow
def test_claimed_responsibility_makes_the_claimer_the_actor():
    _, found = _events("The Taliban claimed responsibility for the attack on the police station in Kandahar.")
    assert [(k, modality, actor) for k, _, modality, actor, _ in found] == [("ASSAULT", "claimed", {"AFG"})], found


@pytest.mark.slow
def test_criticism_received_comes_from_the_from_phrase():
    _, found = _events("Pakistan received sharp criticism from India for the raid.")
    assert [(k, actor, recipient) for k, _, _, actor, recipient in found] == [("ACCUSE", {"IND"}, {"PAK"})], found


@pytest.mark.slow
def test_a_light_verb_takes_an_event_only_through_in():
    _, found = _events("Pakistan received criticism from India for the raid.")
    assert "ASSAULT" not in {k for k, *_ in found}, found  # the raid is what it was criticised for


@pytest.mark.slow  # reads every gold file and its text: part of make test, not the quick loop
def test_gold_uses_the_manuals_mode_names():
    modes = load_yaml("events.yaml")["modes"]
    modes_any = {m for ms in modes.values() for m in ms}
    for path in sorted((ROOT / "tests").glob("gold*/**/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for event in (data.get("events") or []) if isinstance(data, dict) else []:
            mode = event.get("mode")
            values = mode["one_of"] if isinstance(mode, dict) else [mode]
            assert all(v is None or v in modes_any for v in values), (path.name, event.get("text_contains"), mode)
