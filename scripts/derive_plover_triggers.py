"""Derive sitreps' PLOVER trigger data from the PETRARCH2 CAMEO verb dictionary.

    python scripts/derive_plover_triggers.py                       # reads ../shared/datasets (beside the checkout)
    python scripts/derive_plover_triggers.py /path/to/datasets     # or a folder holding both inputs
    python scripts/derive_plover_triggers.py --cameo CAMEO.2.0.txt --table CAMEO2PLOVER-2021.txt --out FILE

Inputs (not shipped with sitreps):

- ``petrarch2-dictionaries/CAMEO.2.0.txt``: the CAMEO verb patterns of PETRARCH2 (MIT licence,
  Open Event Data Alliance / PETRARCH2 authors). Its format is described in
  ``petrarch2-dictionaries/dictionaries.rst``: synonym sets (``&NAME`` + ``+WORD`` lines), then
  verb blocks (``--- NAME [code] ---``, the verbs of the block, one per line, with an optional
  own code, then patterns ``- [subject nouns] * [particle] [object] [(prep noun)] [code]``).
- ``plover/CAMEO2PLOVER-2021.txt``: the CAMEO code -> PLOVER type, mode, context table of the
  PLOVER project (CC BY-SA 4.0, openeventdata/PLOVER).

Output: ``src/sitreps/data/plover_triggers.yaml``, read by ``sitreps.extract.plover`` beside the
hand-made lexicon (``data/events.yaml``), which wins where both speak.

How a CAMEO code becomes a PLOVER sense ("TYPE" or "TYPE/mode", or null for "not an event"):

1. the most specific row of the CAMEO2PLOVER table (4 digits, else 3, else 2);
2. CAMEO 01 (public statements) is dropped, as the PLOVER manual drops it; CAMEO 02 (appeals)
   is REQUEST, because sitreps' annotation guide codes appeals as requests (the manual drops 02
   but allows documented exceptions), with the REQUEST mode of the matching CAMEO 10 code;
3. where the table and sitreps' annotation guide (docs/annotation.md, which follows the manual's
   text) disagree, the guide's type is used: ``GUIDE_TYPES`` below (sanctions and embargoes are
   SANCTION, easing sanctions or a curfew and declaring a ceasefire are CONCEDE, an apology is
   CONCEDE);
4. modes take the manual's names (``MODE_NAMES``: assassinate -> targeted, cbrn -> unconventional,
   ban -> restrict …) and are kept only where the manual defines them for the type; for AID, which
   has no modes in the manual, the table's context (economic, military, humanitarian, asylum) is
   the mode, as sitreps and its gold use it.

A pattern's code ``[a:b]`` (source and target coded differently) keeps ``a``; ``[:b]`` keeps ``b``.
Actor slots (``$ + ^ %``) are wildcards and dropped. Duplicate patterns in a block keep the first.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitreps.extract.plover_patterns import singular  # the one singular, so derived and read words agree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
DEFAULT_OUT = ROOT / "src" / "sitreps" / "data" / "plover_triggers.yaml"

# The PLOVER manual's modes (PLOVER_MANUAL.tex, the mode tables); AID's are the contexts sitreps uses as its modes.
MANUAL_MODES = {
    "AGREE": set(), "CONSULT": {"visit", "third-party", "multilateral", "phone"}, "SUPPORT": set(), "CONCEDE": set(),
    "COOPERATE": set(), "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"}, "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"},
}
# The table's mode names -> the manual's.
MODE_NAMES = {"assassinate": "targeted", "massacre": "targeted", "cbrn": "unconventional", "ban": "restrict",
              "political": "restrict", "return": "release", "peacekeeping": "military"}
# CAMEO codes whose PLOVER type (and mode) follows sitreps' annotation guide rather than the 2021 table.
GUIDE_TYPES = {
    "163": "SANCTION/discontinue",  # impose embargo, boycott or sanctions (table: COERCE)
    "085": "CONCEDE",               # ease economic sanctions (table: RETREAT)
    "0813": "CONCEDE",              # ease curfew (table: RETREAT)
    "0814": "CONCEDE",              # ease state of emergency or martial law (table: RETREAT)
    "0871": "CONCEDE",              # declare truce, ceasefire (table: RETREAT)
    "055": "CONCEDE",               # apologize (table: SUPPORT)
    "1712": "ASSAULT/destroy",      # destroy property (table: mode seize)
    "195": "ASSAULT/aerial",        # employ aerial weapons (table: mode heavy-weapons)
}
# CAMEO 02 (appeal) -> the REQUEST mode of its CAMEO 10 counterpart.
APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change", "025": "yield", "026": "meet",
                "027": "meet", "028": "meet"}
# Words that, first after the verb and before an object, are the verb's particle ("set out", "put forward").
PARTICLES = ["out", "up", "down", "off", "back", "over", "away", "forward", "aside", "together", "apart", "through",
             "around", "in", "on", "along", "ahead", "behind", "into"]
# Prepositions that follow a multi-word verb ("ASK_FOR" is "ask (for)").
PREPOSITIONS = {"for", "to", "at", "by", "with", "of", "against", "upon", "into", "from", "about", "on", "in", "after"}
ACTOR_SLOTS = {"$", "+", "^", "%"}
DETERMINERS = {"A", "AN", "THE"}


@dataclass
class Block:
    name: str
    code: str | None
    verbs: dict[str, str | None] = field(default_factory=dict)      # "lemma" or "lemma particle" -> sense
    patterns: dict[str, str | None] = field(default_factory=dict)   # pattern -> sense


def read_table(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (type, mode, context) from CAMEO2PLOVER."""
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d+):\s*(.*)$", line)
        if not match:
            continue
        parts = [p.strip() for p in match.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        out.setdefault(match.group(1), (parts[0], parts[1], parts[2]))
    return out


def sense_of(code: str | None, table: dict[str, tuple[str, str, str]]) -> str | None:
    """A CAMEO code as a PLOVER sense, by the rules in the module docstring."""
    if not code or code.strip("-") == "":
        return None
    if code in GUIDE_TYPES:
        return GUIDE_TYPES[code]
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        mode = APPEAL_MODES.get(code[:3])
        return f"REQUEST/{mode}" if mode else "REQUEST"
    for length in (4, 3, 2):
        row = table.get(code[:length])
        if row is not None and (length == len(code) or length < 4):
            kind, mode, context = row
            break
    else:
        return None
    kind = kind.strip()
    if kind not in MANUAL_MODES:
        return None
    mode = MODE_NAMES.get(mode.strip(), mode.strip())
    if kind == "AID":
        context = context.split(";")[0].strip()
        mode = MODE_NAMES.get(context, context)
    return f"{kind}/{mode}" if mode in MANUAL_MODES[kind] else kind


def _code(text: str) -> str | None:
    """The code of a ``[a:b]`` bracket: ``a``, else ``b``; ``---`` is no event."""
    first, _, second = text.strip().partition(":")
    code = first.strip() or second.strip()
    return None if not code or code.startswith("-") else code


def _word(raw: str) -> str:
    """A dictionary word in sitreps' form: lower case, singular, phrases joined by spaces."""
    word = raw.lower().strip("_").replace("_", " ")
    if word.startswith("&"):
        return word
    return " ".join(singular(w) for w in word.split())


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text[1:].rstrip("_").lower()
            synsets[current] = []
        elif text.startswith("+") and current is not None:
            synsets[current].append(_word(text[1:]))
        elif text.startswith("---"):
            break
    return {name: sorted(set(words)) for name, words in synsets.items()}


def _verb_line(text: str) -> tuple[str, str | None] | None:
    """A verb line of a block: "ASK [020]", "+ASK_FOR {…} [020]", "+CORDON_OFF" -> ("ask for", code)."""
    code = None
    bracket = re.search(r"\[([^\]]*)\]", text)
    if bracket:
        code = _code(bracket.group(1)) or "---"
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()
    if not head:
        return None
    words = head[0].split("_")
    if "+" in head[0]:
        verb_at = next(i for i, w in enumerate(words) if w.startswith("+"))
        if verb_at != 0:
            return None  # a word before the verb ("WIRE_+TAP"): the parse rarely keeps it
        words[0] = words[0][1:]
    lemma, *rest = [w.lower() for w in words if w]
    return " ".join([lemma, *(f"({w})" if w in PREPOSITIONS and w not in PARTICLES else w for w in rest)]), code


def _pattern(text: str, synsets: dict[str, list[str]]) -> str | None:
    """A pattern in sitreps' notation: ``subject * particle {mod head} (prep noun)``, lower case, singular.
    None when it names a synonym set that is not defined (PETRARCH ignores those too)."""
    pre, star, post = text.partition("*")
    if not star:
        return None
    out_pre = [w for w in _tokens(pre) if w not in ACTOR_SLOTS]
    out_post = [w for w in _tokens(post) if w not in ACTOR_SLOTS]
    for token in out_pre + out_post:
        for name in re.findall(r"&([a-z_]+)", token):
            if name.rstrip("_") not in synsets:
                return None
    post_text = " ".join(out_post)
    return " ".join([*out_pre, "*", post_text]).strip() if out_pre else post_text


def _tokens(text: str) -> list[str]:
    """Words, {noun phrases} and (prepositional phrases) of a pattern half, in sitreps' form."""
    out: list[str] = []
    for match in re.finditer(r"\{[^}]*\}|\([^)]*\)|\S+", text):
        token = match.group(0)
        if token.startswith("{"):
            words = [_word(w) for w in token[1:-1].split() if w not in ACTOR_SLOTS | DETERMINERS]
            out.append("{" + " ".join(words) + "}" if len(words) > 1 else (words[0] if words else ""))
        elif token.startswith("("):
            inner = token[1:-1].split()
            if not inner:
                continue
            rest = [w for w in inner[1:] if w not in ACTOR_SLOTS | DETERMINERS]
            rest_words = [_word(w.strip("{}")) for w in rest]
            noun = ("{" + " ".join(rest_words) + "}" if len(rest_words) > 1 else rest_words[0]) if rest_words else ""
            out.append(f"({inner[0].lower()}{' ' + noun if noun else ''})")
        elif token not in DETERMINERS:
            out.append(token if token in ACTOR_SLOTS else _word(token))
    return [t for t in out if t]


def read_blocks(lines: list[str], table: dict[str, tuple[str, str, str]],
                synsets: dict[str, list[str]]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    started = False
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        text = line.split("#", 1)[0].rstrip()
        if not text.strip() or text.startswith("~"):
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", text)
        if header:
            current = Block(header.group(1).lower().replace("_", " "), _code(header.group(2)))
            blocks.append(current)
            continue
        if current is None:
            continue
        if text.startswith("-"):
            bracket = re.search(r"\[([^\]]*)\]", text)
            if bracket is None:
                continue
            pattern = _pattern(text[1:bracket.start()], synsets)
            if pattern is None or pattern in current.patterns:
                continue
            current.patterns[pattern] = sense_of(_code(bracket.group(1)), table)
            continue
        parsed = _verb_line(text)
        if parsed is None:
            continue
        name, code = parsed
        own = current.code if code is None else (None if code == "---" else code)
        current.verbs.setdefault(name, sense_of(own, table))
    return [b for b in blocks if b.verbs]


def _commit(path: Path) -> str:
    marker = path / "SOURCE_COMMIT"
    if marker.exists():
        return marker.read_text(encoding="utf-8").split()[0]
    try:
        return subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


HEADER = """\
# PLOVER trigger data derived from the PETRARCH2 CAMEO verb dictionary. DO NOT EDIT BY HAND:
# re-derive with  python scripts/derive_plover_triggers.py [DATASETS_FOLDER]
#
# Made from:
#   petrarch2-dictionaries/CAMEO.2.0.txt (openeventdata/petrarch2, commit {cameo_commit})
#     The MIT License (MIT). Copyright (c) 2014-2015 Open Event Data Alliance (the PETRARCH2 authors).
#     Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
#     associated documentation files (the "Software"), to deal in the Software without restriction, including
#     without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
#     copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
#     following conditions: The above copyright notice and this permission notice shall be included in all
#     copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY
#     KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
#     PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR
#     ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
#     OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#   plover/CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, commit {plover_commit}), CC BY-SA 4.0:
#     the CAMEO code -> PLOVER type/mode table (P. Schrodt, PLOVER manual draft 0.8). This file, as an
#     adaptation of it, is shared under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
# See src/sitreps/data/NOTICE.md.
#
# How: every verb block of the dictionary with its verbs and patterns; each CAMEO code mapped to a PLOVER
# sense ("TYPE" or "TYPE/mode"; null = not an event) by the rules in scripts/derive_plover_triggers.py.
# sitreps.extract.plover reads it beside data/events.yaml (the hand-made lexicon wins where both speak) and
# leaves out the entries listed in data/plover_triggers_pruned.yaml (pruned by measurement:
# benchmarks/trigger_effects.py).
#
# Pattern notation: "[subject *] [particle] [object] [(preposition [noun])] …"; a noun is a lemma,
# "{{modifier head}}" or "&synset"; "" is the verb alone. Verbs are "lemma" or "lemma particle".
"""


def render(blocks: list[Block], synsets: dict[str, list[str]], cameo_commit: str, plover_commit: str) -> str:
    import yaml

    used = {name.rstrip("_") for b in blocks for p in b.patterns for name in re.findall(r"&([a-z_]+)", p)}
    body = {
        "particles": PARTICLES,
        "synsets": {name: words for name, words in sorted(synsets.items()) if name in used},
        "blocks": [{"name": b.name, "verbs": b.verbs, "patterns": b.patterns} for b in blocks],
    }
    text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    return HEADER.format(cameo_commit=cameo_commit, plover_commit=plover_commit) + text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("datasets", nargs="?", default=str(DEFAULT_DATASETS),
                        help="folder holding petrarch2-dictionaries/ and plover/ (default: ../shared/datasets)")
    parser.add_argument("--cameo", help="the CAMEO verb dictionary (default: DATASETS/petrarch2-dictionaries/CAMEO.2.0.txt)")
    parser.add_argument("--table", help="the CAMEO2PLOVER table (default: DATASETS/plover/CAMEO2PLOVER-2021.txt)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where to write (default: src/sitreps/data/plover_triggers.yaml)")
    args = parser.parse_args(argv)
    datasets = Path(args.datasets)
    cameo = Path(args.cameo) if args.cameo else datasets / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
    table_path = Path(args.table) if args.table else datasets / "plover" / "CAMEO2PLOVER-2021.txt"
    for path in (cameo, table_path):
        if not path.exists():
            print(f"not found: {path}", file=sys.stderr)
            return 2
    lines = cameo.read_text(encoding="utf-8", errors="replace").splitlines()
    table = read_table(table_path)
    synsets = read_synsets(lines)
    blocks = read_blocks(lines, table, synsets)
    Path(args.out).write_text(render(blocks, synsets, _commit(cameo.parent), _commit(table_path.parent)),
                              encoding="utf-8")
    verbs = sum(len(b.verbs) for b in blocks)
    patterns = sum(len(b.patterns) for b in blocks)
    print(f"{len(blocks)} blocks, {verbs} verbs, {patterns} patterns -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
