"""The dependency tree of a parsed document as tables made once per document: each token's children and subtree.

spaCy answers ``token.children`` by scanning the token's whole span (left edge to right edge) for the tokens
whose head it is, and makes a new ``Token`` for each one it yields; ``token.subtree`` does that recursively for
every word under the token. The extractors ask these of the same tokens again and again (a verb's children
are read by the trigger, its roles, its modality, its source and its claim): hundreds of thousands of times
per batch. The tables here answer from lists built in one pass over the document, kept in ``doc.user_data``
so they live and die with the document (its parse is never changed after ``nlp``).

The answers are the same tokens in the same order as spaCy's: children by index (spaCy's lefts, then
rights), a subtree as spaCy walks it (each left child's subtree, the token, each right child's subtree).
They are tuples, so a caller cannot change the shared table.
"""

from __future__ import annotations

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

_CHILDREN = "sitreps.tree.children"  # doc.user_data key: each token's children, by token index
_SUBTREES = "sitreps.tree.subtrees"  # doc.user_data key: the subtrees asked so far, by token index


def children_of(token: Token) -> tuple[Token, ...]:
    """``token.children``: the tokens whose head is this one, in document order."""
    table = token.doc.user_data.get(_CHILDREN)
    if table is None:
        table = _children_table(token.doc)
    return table[token.i]


def subtree_of(token: Token) -> tuple[Token, ...]:
    """``token.subtree``: the token and every token under it, in spaCy's order (left children's subtrees, the
    token, right children's subtrees; document order wherever the parse is projective)."""
    doc = token.doc
    subtrees: dict[int, tuple[Token, ...]] | None = doc.user_data.get(_SUBTREES)
    if subtrees is None:
        subtrees = doc.user_data[_SUBTREES] = {}
    found = subtrees.get(token.i)
    if found is None:
        found = subtrees[token.i] = tuple(_walk(token, doc.user_data.get(_CHILDREN) or _children_table(doc)))
    return found


def _walk(token: Token, table: list[tuple[Token, ...]]) -> list[Token]:
    """The subtree in spaCy's order, without recursion (a hostile text can make a very deep tree)."""
    walked: list[Token] = []
    stack: list[tuple[Token, bool]] = [(token, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            walked.append(node)
            continue
        kids = table[node.i]
        i = node.i
        stack.extend((kid, False) for kid in reversed(kids) if kid.i > i)
        stack.append((node, True))
        stack.extend((kid, False) for kid in reversed(kids) if kid.i < i)
    return walked


def _children_table(doc: Doc) -> list[tuple[Token, ...]]:
    """Each token's children, from the heads read as one array (no ``token.head``, which makes a Token each)."""
    tokens = list(doc)
    found: list[list[Token]] = [[] for _ in tokens]
    offsets = doc.to_array(HEAD).astype("int64").tolist()  # the head's offset from the token (uint64 wraps)
    for i, offset in enumerate(offsets):
        if offset:
            found[i + offset].append(tokens[i])
    table = doc.user_data[_CHILDREN] = [tuple(kids) for kids in found]
    return table
