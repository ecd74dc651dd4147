"""Issue 21 items 1 and 8: bad input costs itself only, says so in one line, and never loses or corrupts what
was stored before. U+0000 on PostgreSQL, a bad line of a JSONL or CSV file, an unbalanced CSV quote, what a
folder walk skips, a full disk. (Decoding is in test_decode.py, language in test_language.py.)"""

from __future__ import annotations

import errno
import json
import os
import socket
from pathlib import Path

import pytest

from sitreps.config import Settings
from sitreps.corpus import Failure, open_sources
from sitreps.corpus.tables import csv_entries, jsonl_entries
from sitreps.errors import StoreError
from sitreps.ingest import from_text
from sitreps.store import Store
from sitreps.types import Article, Figure, Report

# --- 1. U+0000 ----------------------------------------------------------------------------------------


def _report_with_nul() -> dict:
    text = "Shelling killed 4\x00 people in Kharkiv."
    report = Report(Article(id="nul0000000000001", text=text, title="Kharkiv\x00 shelled", authors=["A\x00B"]),
                    figures=[Figure(id="F1", text="4\x00 people", start=16, end=25, sentence=0, value=4.0)],
                    warnings=["the published value 'x\x00' is not a date; ignored"])
    return report.to_dict()


def test_the_store_keeps_a_report_holding_nul_characters(store_url):
    """Before: PostgreSQL refused the whole article (DataError: unsupported Unicode escape sequence)."""
    store = Store(store_url)
    saved = store.save(_report_with_nul(), source="wire.jsonl:3\x00", raw_hash="h1", version="0.1.0")
    assert saved.status == "new"
    stored = store.report("nul0000000000001")
    assert stored["article"]["text"] == "Shelling killed 4\ufffd people in Kharkiv."  # same length: offsets hold
    assert stored["article"]["title"] == "Kharkiv\ufffd shelled" and stored["figures"][0]["text"] == "4\ufffd people"
    assert store.save(_report_with_nul(), source="again", raw_hash="h1", version="0.1.0").status == "duplicate"


def test_the_store_keeps_failures_whose_reason_holds_nul_characters(store_url):
    store = Store(store_url)
    failure = Failure("wire.jsonl:4", "not valid JSON near '\x00'", "CorpusFormatError", 18, "wire.jsonl")
    store.record_failures([failure], version="0.1.0")
    assert store.failures()["reason"].tolist() == ["not valid JSON near '\ufffd'"]


def test_ingest_removes_nul_from_the_text_and_says_so():
    raw = from_text("Shelling killed 4\x00 people in Kharkiv\x00.")
    assert raw.text == "Shelling killed 4 people in Kharkiv."
    assert any("2 NUL character(s)" in w for w in raw.warnings)


def _nul_corpus(folder: Path) -> Path:
    texts = ["Shelling killed 4 people in Kharkiv on Monday, the governor said.",
             "Drones hit a grain port near Odesa on Tuesday, officials said.",
             "Troops\u0000 pushed back an attack near Pokrovsk, the army said.",
             "Two missiles struck Dnipro overnight, the mayor said.",
             "Talks on a ceasefire resumed in Geneva, diplomats said."]
    lines = [json.dumps({"text": text, "title": "Story\u0000" if "\u0000" in text else "Story"}) for text in texts]
    assert '\\u0000' in lines[2]  # valid JSON, escaped as a JSON writer writes it
    path = folder / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_jsonl_line_with_an_escaped_nul_is_stored_and_reruns_pass(tmp_path, store_url):
    from sitreps.corpus.runner import ingest

    path = _nul_corpus(tmp_path)
    first = ingest([str(path)], db=store_url)
    assert (first.new, first.failed) == (5, 0)
    again = ingest([str(path)], db=store_url)
    assert (again.duplicate, again.failed) == (5, 0)
    texts = Store(store_url).articles()["text"].tolist()
    assert "Troops pushed back an attack near Pokrovsk, the army said." in texts


# --- 8. one bad line costs that line ----------------------------------------------------------------------

def _keys(entries) -> list[tuple[str, str]]:
    return [(e.key.rsplit(":", 1)[1] if ":" in e.key else e.key, "failure" if isinstance(e, Failure) else "entry")
            for e in entries]


def test_a_bad_byte_in_a_jsonl_file_costs_its_line_only(tmp_path):
    """Before: the whole file failed ("is not UTF-8 text after line 4; the rest of the file was not read")."""
    lines = [json.dumps({"text": f"Article number {i} says that 12 people were hurt."}).encode() for i in range(10)]
    lines[4] = b'{"text": "caf\xe9 \xff broken bytes"}'
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    entries = list(jsonl_entries(path, str(path)))
    assert _keys(entries) == [(str(i), "failure" if i == 5 else "entry") for i in range(1, 11)]
    failure = entries[4]
    assert "not UTF-8" in failure.reason and failure.error == "CorpusFormatError"


def test_a_bad_byte_in_a_csv_file_costs_its_row_only(tmp_path):
    rows = [b"id,text"] + [f'{i},"Article {i}: 12 people were hurt."'.encode() for i in range(1, 6)]
    rows[3] = b'3,"caf\xe9 \xff broken"'
    path = tmp_path / "wire.csv"
    path.write_bytes(b"\n".join(rows) + b"\n")
    entries = list(csv_entries(path, str(path)))
    assert _keys(entries) == [("2", "entry"), ("3", "entry"), ("4", "failure"), ("5", "entry"), ("6", "entry")]
    assert "not UTF-8" in entries[2].reason


def test_an_unbalanced_quote_in_a_csv_row_does_not_swallow_the_next_rows(tmp_path):
    """Before: the quote opened in row 3 ran on into row 4 (one garbled article, one lost)."""
    path = tmp_path / "wire.csv"
    path.write_text('id,text,url\n'
                    '1,"Shelling killed 4 people in Kharkiv.",https://a.example/1\n'
                    '2,"Drones hit a port near Odesa, officials said.,https://a.example/2\n'
                    '3,"Troops pushed back an attack near Pokrovsk.",https://a.example/3\n'
                    '4,"A quoted ""word"" and a line\nbreak stay one row.",https://a.example/4\n'
                    '5,Two missiles struck Dnipro overnight.,https://a.example/5\n', encoding="utf-8")
    entries = list(csv_entries(path, str(path)))
    kinds = [("failure" if isinstance(e, Failure) else e.url) for e in entries]
    assert kinds == ["https://a.example/1", "failure", "https://a.example/3", "https://a.example/4",
                     "https://a.example/5"]
    assert "quote" in entries[1].reason and entries[1].key.endswith(":3")
    assert entries[3].data == 'A quoted "word" and a line\nbreak stay one row.'


# --- 8. folder walks -----------------------------------------------------------------------------------

def _walk(folder: Path, **options) -> tuple[list[str], dict[str, str]]:
    sources = open_sources([str(folder)], Settings(), **options)
    read = sorted(Path(s.location).name for s in sources if s.kind != "skipped")
    skipped = {Path(f.key).name: f.reason for s in sources if s.kind == "skipped" for f in s.entries()}
    return read, skipped


def test_a_folder_walk_records_what_it_skips_and_stays_inside_the_folder(tmp_path):
    """Before: the symlink loop and the FIFO were skipped without a word, and /etc/hostname was read."""
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Shelling killed 4 people in Kharkiv.")
    (folder / "sub" / "b.txt").write_text("Drones hit a port near Odesa.")
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the store")
    os.symlink(outside, folder / "outside.txt")
    os.symlink(folder / "a.txt", folder / "inside.txt")  # a link within the folder is fine
    os.symlink(folder / "loop", folder / "loop")  # a link to itself: ELOOP
    os.symlink(folder, folder / "sub" / "up")  # a folder link back up: a loop too, not walked forever
    os.mkfifo(folder / "pipe.txt")
    read, skipped = _walk(folder)
    assert read == ["a.txt", "b.txt", "inside.txt"]
    assert set(skipped) == {"outside.txt", "loop", "up", "pipe.txt"}
    assert "outside the folder" in skipped["outside.txt"] and "--follow-symlinks" in skipped["outside.txt"]
    assert "loop" in skipped["loop"] and "loop" in skipped["up"] and "FIFO" in skipped["pipe.txt"]


def test_follow_symlinks_reads_links_that_leave_the_folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Shelling killed 4 people in Kharkiv.")
    os.symlink(outside, folder / "linked.txt")
    read, skipped = _walk(folder, follow_symlinks=True)
    assert read == ["linked.txt"] and skipped == {}


def test_a_socket_in_a_folder_is_a_failure_row(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.txt"))
        _, skipped = _walk(folder)
    finally:
        server.close()
    assert "socket" in skipped["s.txt"]


# --- 8. a full disk --------------------------------------------------------------------------------------

def test_a_full_disk_is_a_clear_error_naming_the_store(tmp_path, monkeypatch):
    """Before: "internal error: OperationalError … please report it". SQLite says SQLITE_FULL; simulated."""
    import sqlite3

    from sqlalchemy import event

    db = tmp_path / "s.db"
    store = Store(str(db))
    store.save(Report(Article(id="kept000000000001", text="An article stored before.")).to_dict(), source="a",
               raw_hash="h0", version="0.1.0")

    @event.listens_for(store.engine, "before_cursor_execute")
    def full(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(StoreError, match="disk is full") as raised:
        store.save(Report(Article(id="lost000000000001", text="An article the full disk refused.")).to_dict(),
                   source="b", raw_hash="h1", version="0.1.0")
    assert raised.value.source == str(db)
    event.remove(store.engine, "before_cursor_execute", full)
    assert store.count() == 1 and store.report("kept000000000001") is not None


def test_a_full_disk_raised_as_enospc_is_the_same_clear_error(tmp_path, monkeypatch):
    store = Store(str(tmp_path / "s.db"))

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_save", no_space)
    with pytest.raises(StoreError, match="disk is full"):
        store.save(Report(Article(id="lost000000000001", text="x")).to_dict(), source="b", raw_hash="h1",
                   version="0.1.0")


@pytest.mark.slow
def test_the_readable_report_shows_the_encoding_repair_up_front(tmp_path, capsys):
    """Before: the mixed file was decoded whole as cp1251 ("cafГ©") and the warning was easy to miss."""
    from sitreps.cli import main

    path = tmp_path / "mixed.txt"
    path.write_bytes("Le café de la gare a rouvert lundi, a déclaré le maire.\n".encode("utf-8")
                     + "The ministry said the café owner was among 12 wounded on Tuesday.\n".encode("cp1252"))
    assert main(["extract", str(path)]) in (0, 15)
    out = capsys.readouterr().out
    assert "cafГ©" not in out and "mixed encodings" in out
    assert out.index("mixed encodings") < out.index("Actors")
