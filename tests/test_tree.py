"""The per-document tree tables answer exactly as spaCy does (``sitreps.extract.tree``)."""

from __future__ import annotations

from sitreps.extract.tree import children_of, subtree_of
from sitreps.nlp import get_nlp
from sitreps.resources import data_path


def test_children_and_subtrees_are_spacys():
    text = data_path("sample/wire-kharkiv.txt").read_text(encoding="utf-8")
    doc = get_nlp()(text)
    for token in doc:
        assert [c.i for c in children_of(token)] == [c.i for c in token.children]
        assert [t.i for t in subtree_of(token)] == [t.i for t in token.subtree]


def test_the_tables_are_the_documents_own():
    nlp = get_nlp()
    first, second = nlp("Troops shelled the town."), nlp("The town was shelled by troops on Monday.")
    assert [t.text for t in subtree_of(first[1])] == ["Troops", "shelled", "the", "town", "."]
    assert [t.text for t in subtree_of(second[3])] == [t.text for t in second[3].subtree]
    assert all(t.doc is second for t in children_of(second[3]))
