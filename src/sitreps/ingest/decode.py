"""Bytes to text: refuse what is not text, decode what is, whatever its encoding.

News files arrive as UTF-8, Windows-1252 from old CMS exports, UTF-16 from
Windows tools, or Latin-2/Cyrillic code pages. Binary files (a PDF or a photo
saved by mistake) must be refused with a message that says what they look
like, not decoded into garbage that the extractors would then mine.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import CharsetMatch, CharsetMatches, from_bytes

from sitreps.errors import BinaryInput, EmptyInput, UndecodableInput

# File signatures of formats people mistake for articles.
_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"WARC/": "a WARC archive (use `sitreps ingest` for corpora)",
}
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# A few stray bytes in otherwise valid UTF-8 are repaired with U+FFFD and a warning;
# beyond this share the file is not UTF-8 and is decoded as a whole by detection.
_MAX_STRAY_UTF8_SHARE = 0.005
# Tie-break between equally good guesses of the detector: the encodings news sites use.
_COMMON = ["utf_8", "cp1252", "iso8859_2", "cp1250", "cp1251", "koi8_r", "iso8859_5", "iso8859_15", "latin_1",
           "iso8859_9", "cp1254", "iso8859_7", "cp1253", "cp1256", "iso8859_6", "gb2312", "gb18030", "big5",
           "shift_jis", "euc_jp", "euc_kr", "cp949"]
# What Windows-1252 English text contains beyond ASCII besides letters; a "³" or "±"
# inside a word means the bytes came from another code page.
_TYPOGRAPHY = frozenset("“”‘’„‚–—…€£¥$°•·«»\u00a0§©®™×½¼¾")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` (named ``source`` in errors), trusting a ``declared`` charset first."""
    if not data.strip():
        raise EmptyInput(source, "the input is empty")
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise BinaryInput(source, f"this is {kind}, not text or HTML")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding), encoding)
    if b"\x00" in data[:65536]:
        raise BinaryInput(source, "the input contains NUL bytes: it is a binary file, not text or HTML")
    if declared:
        try:
            return Decoded(data.decode(declared), declared.lower())
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    stray = _count_invalid_utf8(data)
    if stray <= max(1, int(len(data) * _MAX_STRAY_UTF8_SHARE)):
        return Decoded(
            data.decode("utf-8", errors="replace"),
            "utf-8",
            [f"{stray} byte(s) that are not valid UTF-8 were replaced with U+FFFD"],
        )
    if _mostly_ascii(data):
        # English text with a few accented letters or typographic quotes is, in practice,
        # Windows-1252; short samples fool statistical detectors into rarer code pages.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and all(ch.isalpha() or ch in _TYPOGRAPHY for ch in text if ord(ch) >= 0x80):
            return Decoded(text, "cp1252")
    best = _most_common_of_the_best(from_bytes(data))
    if best is None:
        raise UndecodableInput(source, "the bytes match no known text encoding (is it a binary file?)")
    return Decoded(str(best), best.encoding, [f"decoded as {best.encoding} (detected)"])


def _most_common_of_the_best(matches: CharsetMatches) -> CharsetMatch | None:
    """The detector's best guess, preferring widely used code pages when guesses tie."""
    if not matches:
        return None
    top = [m for m in matches if (m.chaos, -m.coherence) == (matches[0].chaos, -matches[0].coherence)]
    return min(top, key=lambda m: _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON))


def _count_invalid_utf8(data: bytes) -> int:
    replaced = data.decode("utf-8", errors="replace").count("\ufffd")
    return replaced - data.count("\ufffd".encode("utf-8"))


def _mostly_ascii(data: bytes) -> bool:
    return sum(byte < 0x80 for byte in data) >= 0.9 * len(data)
