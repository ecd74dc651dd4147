import httpx
import pytest

from sitreps.config import Settings
from sitreps.errors import (BlockedAddress, FetchError, FetchTimeout, HTTPStatusError, InputTooLarge,
                            UnsupportedContentType)
from sitreps.ingest import read_source
from tests.pages import ARTICLE_HTML
from tests.servers import serve

HTML = {"Content-Type": "text/html; charset=utf-8"}
PRIVATE_OK = Settings(allow_private=True, fetch_timeout=2.0)  # room for a loaded machine; /slow takes 6 s


@pytest.fixture(scope="module")
def site():
    routes = {
        "/2024/10/22/port.html": (200, HTML, ARTICLE_HTML.encode(), 0),
        "/moved": (302, {"Location": "/2024/10/22/port.html"}, b"", 0),
        "/missing": (404, HTML, b"<h1>Not found</h1>", 0),
        "/broken": (500, HTML, b"<h1>Oops</h1>", 0),
        "/photo.jpg": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0 jpeg", 0),
        "/slow": (200, HTML, ARTICLE_HTML.encode(), 6.0),
        "/huge": (200, HTML, b"<p>" + b"x" * 5000 + b"</p>", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
    }
    with serve(routes) as base:
        yield base


def test_page_on_loopback_is_fetched_with_allow_private_and_its_metadata_kept(site):
    raw = read_source(f"{site}/moved", PRIVATE_OK)
    assert raw.title == "Drones strike grain port near Odesa"
    assert raw.authors == ["Maria Kovalenko"]
    assert raw.publisher == "The Harbour Ledger"
    assert raw.published == "2024-10-22"
    assert raw.url.endswith("/2024/10/22/port.html")
    assert "31 of the 38 drones" in raw.text and "Home World" not in raw.text


def test_loopback_is_refused_without_allow_private(site):
    with pytest.raises(BlockedAddress, match="--allow-private"):
        read_source(f"{site}/2024/10/22/port.html", Settings())


@pytest.mark.parametrize("path,error,message", [
    ("/missing", HTTPStatusError, "404"),
    ("/broken", HTTPStatusError, "500"),
    ("/photo.jpg", UnsupportedContentType, "image/jpeg"),
    ("/slow", FetchTimeout, "no answer within 2 s"),
    ("/loop", FetchError, "redirects"),
])
def test_bad_urls_raise_errors_that_name_the_url(site, path, error, message):
    with pytest.raises(error, match=message) as raised:
        read_source(f"{site}{path}", PRIVATE_OK)
    assert raised.value.source == f"{site}{path}"


def test_size_cap(site):
    with pytest.raises(InputTooLarge):
        read_source(f"{site}/huge", Settings(allow_private=True, max_input_bytes=1000))


def test_redirect_from_a_public_host_to_a_private_address_is_refused():
    """Every hop is checked: a public page may not bounce the fetcher into the internal network."""
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=ARTICLE_HTML)

    addresses = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.7"]}
    with pytest.raises(BlockedAddress, match="10.0.0.7"):
        read_source("http://news.example/story", Settings(), transport=httpx.MockTransport(handler),
                    resolver=lambda host, port: addresses[host])


def test_public_page_through_mock_transport_is_read():
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"Content-Type": "text/plain; charset=windows-1252"},
                                       content="Officials said “12” people died.".encode("cp1252")))
    raw = read_source("https://news.example/2024/10/21/story.txt", Settings(), transport=transport,
                      resolver=lambda host, port: ["93.184.216.34"])
    assert raw.text == "Officials said “12” people died."
    assert raw.url == "https://news.example/2024/10/21/story.txt"


# --- issue 21 item 4: a deadline for the whole fetch, the checked address pinned, embedded IPv4 ---------------

import socket  # noqa: E402
import ssl  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from sitreps.ingest.url import fetch  # noqa: E402


@contextmanager
def trickling_server(head: bytes, body_byte: bytes = b"x", pause: float = 0.4, seconds: float = 12.0):
    """A raw server on loopback that sends ``head`` a byte at a time, then ``body_byte`` every ``pause`` s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                ended = time.monotonic() + seconds
                for i in range(len(head)):
                    conn.sendall(head[i:i + 1])
                    if b"\r\n\r\n" not in head[:i + 1] and stop.wait(pause):
                        return
                while time.monotonic() < ended and not stop.wait(pause):
                    conn.sendall(body_byte)
            except OSError:
                pass

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def test_a_body_sent_a_byte_at_a_time_is_cut_at_the_deadline():
    """Before: the timeout was per read, so a byte every 0.4 s held the fetch as long as the server liked."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
    with trickling_server(head, pause=0.4, seconds=12) as base:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="1.5 s") as raised:
            read_source(f"{base}/drip", Settings(allow_private=True, fetch_timeout=1.5))
        assert time.monotonic() - started < 4.0
    assert raised.value.source == f"{base}/drip"


def test_headers_sent_a_byte_at_a_time_are_cut_at_the_deadline():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    with trickling_server(head, pause=0.2, seconds=12) as base:
        started = time.monotonic()
        with pytest.raises(FetchTimeout):
            read_source(f"{base}/slow-headers", Settings(allow_private=True, fetch_timeout=1.5))
        assert time.monotonic() - started < 4.0


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """DNS rebinding: the name resolves to a public address for the check and to loopback a moment later.
    Before: the fetcher resolved the name again to connect and reached the loopback address."""
    answers = iter([("93.184.216.34",)] + [("127.0.0.1",)] * 10)

    def rebinding(host, port, *args, **kwargs):
        (address,) = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    dialled = []

    def dial(address, *args, **kwargs):
        dialled.append(address[0])
        raise ConnectionRefusedError("refused by the test")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", dial)
    with pytest.raises(FetchError):
        read_source("http://rebind.example/story", Settings(fetch_timeout=2.0))
    assert dialled == ["93.184.216.34"]


def test_a_pinned_fetch_keeps_the_host_name_in_the_host_header(site):
    seen = {}

    def resolver(host, port):
        seen["resolved"] = seen.get("resolved", 0) + 1
        return ["127.0.0.1"]

    port = site.rsplit(":", 1)[1]
    raw = read_source(f"http://news.example:{port}/2024/10/22/port.html", PRIVATE_OK, resolver=resolver)
    assert raw.title == "Drones strike grain port near Odesa"
    assert seen["resolved"] == 1  # resolved once, for the check and the connection alike


def test_tls_is_spoken_to_the_host_name_not_the_pinned_address(monkeypatch):
    """SNI and certificate checks use the name of the URL while the socket goes to the checked address."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    names = []

    def wrap_socket(self, sock, *args, server_hostname=None, **kwargs):
        names.append(server_hostname)
        raise ssl.SSLError("stopped by the test")

    monkeypatch.setattr(ssl.SSLContext, "wrap_socket", wrap_socket)
    try:
        with pytest.raises(FetchError):
            fetch(f"https://news.example:{listener.getsockname()[1]}/story", PRIVATE_OK,
                  resolver=lambda host, port: ["127.0.0.1"])
    finally:
        listener.close()
    assert names == ["news.example"]


EMBEDDED = [
    "::ffff:127.0.0.1",        # IPv4-mapped
    "::ffff:10.0.0.7",
    "64:ff9b::7f00:1",         # NAT64 well-known prefix: 127.0.0.1
    "64:ff9b::a00:7",          # NAT64: 10.0.0.7
    "64:ff9b::a9fe:a9fe",      # NAT64: 169.254.169.254, the cloud metadata address
    "64:ff9b:1::a00:7",        # NAT64 local-use prefix (RFC 8215)
    "2002:7f00:1::1",          # 6to4: 127.0.0.1
    "2002:a00:7::1",           # 6to4: 10.0.0.7
    "2002:c0a8:101::",         # 6to4: 192.168.1.1
    "::127.0.0.1",             # IPv4-compatible (deprecated)
    "::10.0.0.7",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo
    "2606:4700::5efe:a00:7",   # ISATAP interface id around a private address
    "fe80::1%eth0",            # link-local with a zone
    "0.0.0.0",
    "169.254.169.254",
]


@pytest.mark.parametrize("address", EMBEDDED)
def test_addresses_that_embed_a_private_ipv4_address_are_refused(address):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="secret"))
    with pytest.raises(BlockedAddress):
        read_source("http://sneaky.example/", Settings(), transport=transport,
                    resolver=lambda host, port: [address])


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700:4700::1111"])
def test_addresses_that_embed_a_public_ipv4_address_are_fetched(address):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers={"Content-Type": "text/plain"},
                                                                   text="Officials said 12 people died."))
    raw = read_source("http://public.example/story.txt", Settings(), transport=transport,
                      resolver=lambda host, port: [address])
    assert raw.text == "Officials said 12 people died."
