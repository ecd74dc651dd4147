import httpx
import pytest

from sitreps.config import Settings
from sitreps.errors import (BlockedAddress, FetchError, FetchTimeout, HTTPStatusError, InputTooLarge,
                            UnsupportedContentType)
from sitreps.ingest import read_source
from tests.pages import ARTICLE_HTML
from tests.servers import serve

HTML = {"Content-Type": "text/html; charset=utf-8"}
PRIVATE_OK = Settings(allow_private=True, fetch_timeout=1.0)


@pytest.fixture(scope="module")
def site():
    routes = {
        "/2024/10/22/port.html": (200, HTML, ARTICLE_HTML.encode(), 0),
        "/moved": (302, {"Location": "/2024/10/22/port.html"}, b"", 0),
        "/missing": (404, HTML, b"<h1>Not found</h1>", 0),
        "/broken": (500, HTML, b"<h1>Oops</h1>", 0),
        "/photo.jpg": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0 jpeg", 0),
        "/slow": (200, HTML, ARTICLE_HTML.encode(), 3.0),
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
    ("/slow", FetchTimeout, "no answer within 1 s"),
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
