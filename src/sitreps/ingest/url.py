"""Fetch one article by URL, safely.

A URL may come from an untrusted feed or a colleague's list, so the fetcher
must not become a way into the internal network (server-side request
forgery): every hop of a redirect chain is resolved and refused when it points
at a loopback, private, link-local or otherwise non-public address, unless the
user passes ``--allow-private``. Responses are streamed and cut at
``Settings.max_input_bytes``; only HTML and plain text are accepted.

The HTTP transport is a parameter so tests can use ``httpx.MockTransport``;
the resolver is a parameter so such tests need no DNS.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitreps.config import Settings
from sitreps.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InputTooLarge,
    UnsupportedContentType,
)

Resolver = Callable[[str, int], Iterable[str]]
TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", ""}
_REDIRECT_CODES = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class FetchedPage:
    url: str  # after redirects
    body: bytes
    content_type: str  # "text/html", "text/plain" or "" when the server sent none
    charset: str | None


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (the system resolver)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(host, f"cannot resolve host name ({error.strerror})") from None
    return sorted({info[4][0] for info in infos})


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in {"http", "https"}


def fetch(
    url: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = resolve_host,
    accept: Collection[str] = TEXT_TYPES,
) -> FetchedPage:
    """GET ``url`` following at most ``settings.max_redirects`` checked redirects.

    ``accept`` lists the content types taken (HTML and text by default; feeds add the XML types).
    """
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9"}
    with httpx.Client(transport=transport, timeout=timeout, headers=headers, follow_redirects=False) as client:
        current = url
        for _ in range(settings.max_redirects + 1):
            _check_address(current, url, settings, resolver)
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECT_CODES and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    return _read(response, url, settings, accept)
            except httpx.TimeoutException:
                raise FetchTimeout(url, f"no answer within {settings.fetch_timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchError(url, f"cannot fetch: {error.__class__.__name__}: {error}") from None
        raise FetchError(url, f"more than {settings.max_redirects} redirects")


def _check_address(target: str, original: str, settings: Settings, resolver: Resolver) -> None:
    parts = urlsplit(target)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(original, f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError(original, "the URL has no host name")
    if settings.allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for address in resolver(parts.hostname, port):
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise BlockedAddress(
                original,
                f"{parts.hostname} resolves to the non-public address {ip}; "
                "pass --allow-private to fetch from loopback or private networks",
            )


def _read(response: httpx.Response, url: str, settings: Settings, accept: Collection[str]) -> FetchedPage:
    if response.status_code >= 400:
        raise HTTPStatusError(url, f"the server answered {response.status_code} {response.reason_phrase}")
    content_type, _, params = response.headers.get("content-type", "").partition(";")
    content_type = content_type.strip().lower()
    if content_type not in accept:
        raise UnsupportedContentType(url, f"the server sent {content_type}, not an HTML page or text")
    declared_length = response.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > settings.max_input_bytes:
        raise InputTooLarge(url, f"the page is {int(declared_length):,} bytes, over the {settings.max_input_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_input_bytes:
            raise InputTooLarge(url, f"the page is over the {settings.max_input_bytes:,}-byte limit")
        chunks.append(chunk)
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return FetchedPage(str(response.url), b"".join(chunks), content_type, charset)
