import pytest

from sitreps.errors import BinaryInput, EmptyInput, UndecodableInput
from sitreps.ingest.decode import decode_bytes

TEXT = "The minister said “the attack” cost €5m — more than expected, officials in Kyiv said on Tuesday."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_common_encodings_decode_to_the_same_text(encoding):
    assert decode_bytes(TEXT.encode(encoding), "a.txt").text == TEXT


def test_latin2_text_is_detected():
    text = "Prezydent Polski powiedział, że żołnierze zostaną wysłani na granicę. " * 5
    decoded = decode_bytes(text.encode("iso-8859-2"), "pl.txt")
    assert "żołnierze" in decoded.text


def test_declared_charset_is_trusted_and_a_wrong_one_ignored():
    data = TEXT.encode("cp1252")
    assert decode_bytes(data, "x", declared="windows-1252").text == TEXT
    assert decode_bytes(TEXT.encode("utf-8"), "x", declared="no-such-charset").text == TEXT


def test_a_few_stray_bytes_in_utf8_are_replaced_with_a_warning():
    data = (TEXT * 20).encode("utf-8") + b"\xff" + b" end."
    decoded = decode_bytes(data, "x")
    assert decoded.text.endswith("\ufffd end.") and "1 byte(s)" in decoded.warnings[0]


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"some text\x00\x00\x01\x02 and more", "NUL bytes"),
])
def test_binary_files_are_refused_with_what_they_look_like(data, kind):
    with pytest.raises(BinaryInput, match=kind) as error:
        decode_bytes(data, "upload.bin")
    assert error.value.source == "upload.bin"


def test_bytes_that_no_encoding_explains_are_refused():
    with pytest.raises(UndecodableInput, match="no known text encoding"):
        decode_bytes(bytes(range(128, 256)) * 8, "junk.txt")


def test_whitespace_only_is_empty():
    with pytest.raises(EmptyInput):
        decode_bytes(b" \n\t \n", "blank.txt")


# --- issue 21: NUL bytes anywhere, UTF-16 without a byte-order mark, mixed encodings -------------------------

def test_nul_bytes_after_the_first_64_kib_are_refused_too():
    data = ("A long wire story line. " * 4000).encode("utf-8")
    assert len(data) > 65536
    with pytest.raises(BinaryInput, match="NUL"):
        decode_bytes(data + b"\x00\x01\x02tail", "late.bin")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(encoding):
    decoded = decode_bytes(TEXT.encode(encoding), "windows-export.txt")
    assert decoded.text == TEXT
    assert any("UTF-16" in w and "byte-order mark" in w for w in decoded.warnings)


def test_utf16_without_a_mark_and_with_a_nul_in_it_is_still_binary():
    data = TEXT.encode("utf-16-le")
    with pytest.raises(BinaryInput):
        decode_bytes(data[:40] + b"\x00\x00\x00\x00" + b"\xff\xd8" * 30 + data[40:], "odd.bin")


MIXED_LINES = ["Le café de la gare a rouvert lundi, a déclaré le maire.",
               "Officials said 12 people were hurt in the blast on Tuesday.",
               "La police a arrêté deux suspects près du café mardi soir.",
               "The ministry said the café owner was among the wounded."]


@pytest.mark.parametrize("other", ["cp1252", "latin-1"])
def test_a_file_of_mixed_encodings_is_repaired_line_by_line(other):
    """Before: decoded whole as cp1251, so the UTF-8 lines read "cafГ©"; or the bad bytes became U+FFFD."""
    lines = [line.encode("utf-8" if i % 2 == 0 else other) for i, line in enumerate(MIXED_LINES)]
    lines[1] = MIXED_LINES[1].replace("12", "12 café").encode(other)
    decoded = decode_bytes(b"\n".join(lines) + b"\n", "mixed.txt")
    assert "Le café de la gare" in decoded.text and "12 café people" in decoded.text
    assert "\ufffd" not in decoded.text and "Ã" not in decoded.text and "Г" not in decoded.text
    assert any("mixed encodings" in w and "2 of 4 lines" in w for w in decoded.warnings)


def test_a_corrupt_utf8_sequence_in_a_utf8_line_is_still_replaced_not_reread():
    """A line with valid UTF-8 letters and one cut-off sequence is UTF-8 with a bad byte, not a code page."""
    data = "Le café a rouvert.\nThe café caf".encode("utf-8") + b"\xc3" + " closed again.\n".encode("utf-8")
    decoded = decode_bytes(data, "cut.txt")
    assert decoded.text.splitlines()[1] == "The café caf\ufffd closed again."
