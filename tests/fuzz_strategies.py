"""Hypothesis strategies for fuzzing sitreps: article-like text (random, number-heavy, date-heavy,
unicode-heavy) and corpus files (JSONL, CSV, feeds, WARC). Shared by tests/test_fuzz.py (a short, fixed
budget in the suite) and benchmarks/fuzz.py (a long run)."""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import strategies as st

NUMBERS = ["12", "1,500", "3.5 million", "$4bn", "-7", "50%", "1e9", "0", "007", "1/2", "¾", "½", "two dozen",
           "hundreds", "9,999,999,999,999", "10^6", "#42", "3-4", "12–15", "≈300", "€5m", "£1.2bn", "40km", "7.62mm",
           "1,000,000,000,000,000,000", "0.0001", "99.9 per cent", "between 10 and 20", "at least 300", "up to 5"]
DATES = ["3000 years ago", "built 3000 years ago", "in 9000 years", "12000 years ago", "Oct. 18", "2024-10-18",
         "last week", "on Monday", "12/31/99", "31/12/1999", "the 1990s", "early 2025", "next month", "yesterday",
         "Feb. 30", "2024-02-30", "9999-12-31", "0001-01-01", "year 0", "in 10000 BC", "a week earlier",
         "two days later", "the same day", "5000000 days ago", "at 12:26 p.m.", "fiscal 2023/24", "Q3 2024",
         "the 21st century", "since 1066", "by 2100", "in the summer of 2022", "Friday, Oct. 18, 2024"]
WORDS = ["Russian", "forces", "fired", "missiles", "at", "Kharkiv", "killing", "people", "the", "governor", "said",
         "Ukraine's", "army", "reported", "troops", "were", "wounded", "in", "near", "Odesa", "officials", "told",
         "Reuters", "according", "to", "ministry", "\"", "'", ",", ".", ";", ":", "(", ")", "-", "—", "\n", "\n\n",
         "U.N.", "Mr.", "Dr.", "NATO", "Hamas", "Israel", "Gaza", "on", "by", "of", "more", "than", "about"]
ODD = ["\u0000", "\ufeff", "\u200b", "\u202e", "\u0301", "\ud7ff", "\U0001f4a3", "\u4e2d\u6587", "\u0627\u0644",
       "\u05d0", "\u0410", "\r", "\t", "\x0b", "\x0c", "\u2028", "\u2029", "\ufffd", "e\u0301", "ﬁ", "Ⅻ", "٣", "१२"]

random_text = st.text(min_size=1, max_size=400)
word = st.sampled_from(WORDS)


def _joined(parts: st.SearchStrategy) -> st.SearchStrategy[str]:
    return st.lists(parts, min_size=1, max_size=80).map(" ".join)


number_heavy = _joined(st.one_of(word, st.sampled_from(NUMBERS), st.integers(-10**15, 10**15).map(str),
                                 st.floats(allow_nan=True, allow_infinity=True).map(str)))
date_heavy = _joined(st.one_of(word, st.sampled_from(DATES), st.sampled_from(NUMBERS)))
unicode_heavy = _joined(st.one_of(word, st.sampled_from(ODD), st.text(min_size=1, max_size=5)))
articles = st.one_of(random_text, number_heavy, date_heavy, unicode_heavy)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))

# --- corpus files -------------------------------------------------------------------------------------------

json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=10)
records = st.dictionaries(st.sampled_from(["text", "html", "url", "title", "published", "source", "authors",
                                           "TEXT", "author", "outlet", "x"]),
                          st.one_of(articles, json_values), max_size=6)


@st.composite
def jsonl_files(draw) -> bytes:
    lines = draw(st.lists(st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=draw(st.booleans()))),
                                    st.text(max_size=60), st.binary(max_size=60).map(lambda b: b.decode("latin-1"))),
                          max_size=8))
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    return draw(st.sampled_from([data, data + b"\xff\xfe", b"\xef\xbb\xbf" + data]))


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.sampled_from(["text,url,title", "id,text", "html", "TEXT;url", "url,title", ""]))
    cells = st.one_of(articles, st.sampled_from(['"', '""', '"a"b', 'x"', ",", "\n", "\r\n", "\x00", "é"]))
    rows = draw(st.lists(st.lists(cells, max_size=4).map(",".join), max_size=8))
    text = "\n".join([header, *rows])
    data = text.encode("utf-8", errors="surrogatepass")
    return draw(st.sampled_from([data, data.replace(b"e", b"\xe9", 1), data[: len(data) // 2]]))


@st.composite
def feed_files(draw) -> bytes:
    item = st.builds(lambda title, link, date, body: (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{body}</description></item>"),
        st.text(max_size=30), st.sampled_from(["http://127.0.0.1/x", "https://news.example/a", "javascript:1", "",
                                               "file:///etc/passwd", "http://[::1]/", "ftp://x"]),
        st.sampled_from(["Mon, 21 Oct 2024 10:00:00 GMT", "2024-13-45", "", "yesterday", "Tue, 31 Feb 1 00:00 GMT"]),
        articles)
    items = "".join(draw(st.lists(item, max_size=4)))
    kind = draw(st.sampled_from(["rss", "atom", "broken", "entity"]))
    if kind == "atom":
        return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'.encode("utf-8",
                                                                                                      "replace")
    if kind == "broken":
        return f"<rss><channel>{items}".encode("utf-8", "replace")[: draw(st.integers(0, 400))]
    if kind == "entity":
        return (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                b"<rss><channel><item><title>&b;&b;&b;</title></item></channel></rss>")
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode("utf-8", "replace")


def _warc_record(uri: str, content_type: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@st.composite
def warc_files(draw) -> bytes:
    records_ = [_warc_record(draw(st.sampled_from(["https://news.example/a", "http://127.0.0.1/", "x"])),
                             draw(st.sampled_from(["text/html", "text/plain", "image/png", "application/pdf"])),
                             draw(articles).encode("utf-8", "surrogatepass"))
                for _ in range(draw(st.integers(0, 3)))]
    data = b"".join(records_)
    cut = draw(st.sampled_from([len(data), len(data) // 2, max(len(data) - 7, 0)]))
    data = data[:cut] + draw(st.sampled_from([b"", b"garbage", b"WARC/1.0\r\n"]))
    if draw(st.booleans()):
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb") as handle:
            handle.write(data)
        data = buffer.getvalue()[: draw(st.sampled_from([None, 30]))]
    return data
