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
