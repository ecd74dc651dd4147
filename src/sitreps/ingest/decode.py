"""Bytes to text: refuse what is not text, decode what is, whatever its encoding.

News files arrive as UTF-8, Windows-1252 from old CMS exports, UTF-16 from
Windows tools (with or without a byte-order mark), or Latin-2/Cyrillic code
pages. Binary files (a PDF or a photo saved by mistake, anything with a NUL
byte anywhere) must be refused with a message that says what they look like,
not decoded into garbage that the extractors would then mine.

A file pasted together from several sources mixes encodings: UTF-8 lines and
Windows-1252 lines. It is decoded line by line (a UTF-8 line stays as it is,
the others are read in the code page detected for them) with a warning that
says how many lines were repaired, never decoded whole in one code page (which
turns every UTF-8 "café" into "cafГ©").
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
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:  # anywhere: a NUL after the first 64 KiB is as binary as one at the top
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
    mixed = _mixed_lines(data, source)
    if mixed is not None:
        return mixed
    stray = _count_invalid_utf8(data)
    if stray <= max(1, int(len(data) * _MAX_STRAY_UTF8_SHARE)):
        return Decoded(
            data.decode("utf-8", errors="replace"),
            "utf-8",
            [f"{stray} byte(s) that are not valid UTF-8 were replaced with U+FFFD"],
        )
    found = _code_page(data)
    if found is None:
        raise UndecodableInput(source, "the bytes match no known text encoding (is it a binary file?)")
    text, encoding, detected = found
    return Decoded(text, encoding, [f"decoded as {encoding} (detected)"] if detected else [])


def _code_page(data: bytes) -> tuple[str, str, bool] | None:
    """Text, encoding and whether a detector chose it, for bytes in one (non-UTF-8) code page; None if none fits."""
    if _mostly_ascii(data):
        # English text with a few accented letters or typographic quotes is, in practice,
        # Windows-1252; short samples fool statistical detectors into rarer code pages.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and all(ch.isalpha() or ch in _TYPOGRAPHY for ch in text if ord(ch) >= 0x80):
            return text, "cp1252", False
    best = _most_common_of_the_best(from_bytes(data))
    if best is None:
        return None
    return str(best), best.encoding, True


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark (Windows tools write it): Latin text then has a NUL in every other
    byte, all on one side. Taken only when the whole input decodes and reads as text."""
    sample = data[:65536]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * half and other <= 0.02 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
            if "\x00" in text or controls > 0.01 * len(text):
                return None
            return Decoded(text, encoding, [f"decoded as {encoding.upper()} (no byte-order mark)"])
    return None


def _mixed_lines(data: bytes, source: str) -> Decoded | None:
    """Line-by-line decoding of a file where UTF-8 lines (with non-ASCII letters) sit beside lines in a code
    page; None when the file is not such a mix. A line that holds valid multi-byte UTF-8 is UTF-8 with a few
    bad bytes (replaced); a line with none is in the code page detected over all such lines."""
    lines = data.splitlines(keepends=True)
    utf8_letters = False
    foreign: list[int] = []
    for number, line in enumerate(lines):
        try:
            if not line.decode("utf-8").isascii():
                utf8_letters = True
        except UnicodeDecodeError:
            if not _has_utf8_sequences(line):
                foreign.append(number)
    if not utf8_letters or not foreign:
        return None
    found = _code_page(b"".join(lines[n] for n in foreign))
    if found is None:
        shown = ", ".join(str(n + 1) for n in foreign[:5])
        raise UndecodableInput(source, f"mixed encodings: line(s) {shown} are neither UTF-8 nor a known code page")
    encoding = found[1]
    foreign_set = set(foreign)
    text = "".join(line.decode(encoding, errors="replace") if n in foreign_set
                   else line.decode("utf-8", errors="replace") for n, line in enumerate(lines))
    shown = ", ".join(str(n + 1) for n in foreign[:10]) + (" …" if len(foreign) > 10 else "")
    return Decoded(text, "utf-8", [f"mixed encodings: {len(foreign)} of {len(lines)} lines were not UTF-8 and "
                                   f"were read as {encoding} (lines {shown})"])


def _has_utf8_sequences(line: bytes) -> bool:
    """Whether ``line`` holds at least one valid multi-byte UTF-8 character."""
    return any(ord(ch) >= 0x80 and ch != "\ufffd" for ch in line.decode("utf-8", errors="replace"))


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
