"""Near-duplicate detection: MinHash signatures over word shingles, found again through LSH bands.

Syndicated copies of a wire story differ by a dateline, a byline, an edited
sentence; their cleaned texts hash differently but share most of their
three-word shingles. The Jaccard similarity of two shingle sets is estimated
by the share of equal positions in their MinHash signatures (``PERMUTATIONS``
values each). To find candidates without comparing a new article with every
stored one, the signature is cut into ``BANDS`` bands of ``ROWS`` values; each
band is hashed to one integer and stored in an indexed table. Two articles
with Jaccard similarity s share at least one band with probability
1 - (1 - s^ROWS)^BANDS: 99.98% at s = 0.8, 64% at s = 0.5. Candidates are then
checked against the threshold on their full signatures.

Hashes must be the same in every process and on every machine (workers of a
cluster write to one store), so shingles are hashed with BLAKE2b, never with
Python's per-process ``hash``.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
THRESHOLD = 0.7  # estimated Jaccard similarity at or above which an article is a near-duplicate
_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_rng = np.random.default_rng(20241022)  # fixed: signatures must agree across processes and releases
_A = _rng.integers(1, (1 << 32) - 1, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 32) - 1, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Lower-cased word ``SHINGLE``-grams; a text shorter than that is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text`` (``PERMUTATIONS`` uint32 values), or None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    values = np.fromiter((int.from_bytes(hashlib.blake2b(g, digest_size=4).digest(), "little") for g in grams),
                         dtype=np.uint64, count=len(grams))
    # (a*x + b) mod p, truncated to 32 bits: a family of hash functions standing in for permutations
    hashed = ((values[:, None] * _A[None, :] + _B[None, :]) % _PRIME) & _MAX
    return hashed.min(axis=0).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def bands(sig: np.ndarray) -> list[int]:
    """One signed 64-bit integer per band (fits a BIGINT column)."""
    raw = sig.astype("<u4").tobytes()
    width = ROWS * 4
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + raw[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / PERMUTATIONS
