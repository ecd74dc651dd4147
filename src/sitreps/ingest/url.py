"""Fetch one article by URL, safely.

A URL may come from an untrusted feed or a colleague's list, so the fetcher
must not become a way into the internal network (server-side request
forgery): every hop of a redirect chain is resolved once, refused when any
address it resolves to is loopback, private, link-local or otherwise
non-public (an IPv6 address that carries an IPv4 one, such as NAT64
``64:ff9b::/96``, 6to4 ``2002::/16``, IPv4-mapped, IPv4-compatible, Teredo or
ISATAP, is judged by the IPv4 address inside), and then connected to at the
address that was checked: the name is never looked up a second time, so a
name that changes its answer between check and connection (DNS rebinding)
cannot reach what the check refused. TLS still speaks to the URL's host name
(SNI and certificate checks), and the Host header is the URL's. ``--allow-private``
lifts the address check, not the pinning.

``Settings.fetch_timeout`` bounds the whole fetch, redirects included: name
lookup, connection, headers and body share one deadline, so a server that
sends a byte every few seconds is cut off like one that sends nothing.
Responses are streamed and cut at ``Settings.max_input_bytes``; only HTML and
plain text are accepted (feeds add their XML types).

The HTTP transport is a parameter so tests can use ``httpx.MockTransport``
(the address check and the deadline still apply; the pinning is the
transport's business); the resolver is a parameter so such tests need no DNS.
Proxy variables (``HTTP_PROXY`` …) are not used: a proxy would make the
connection to an address the fetcher did not check.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
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
    return sorted({str(info[4][0]) for info in infos})  # an address is a str (the type allows int for raw sockets)


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
    """GET ``url`` following at most ``settings.max_redirects`` checked redirects, all within
    ``settings.fetch_timeout`` seconds.

    ``accept`` lists the content types taken (HTML and text by default; feeds add the XML types).
    """
    deadline = Deadline(settings.fetch_timeout, url)
    pins: dict[tuple[str, int], list[str]] = {}
    transport = transport if transport is not None else PinnedTransport(pins, deadline)
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9"}
    with httpx.Client(transport=transport, timeout=timeout, headers=headers, follow_redirects=False) as client:
        current = url
        for _ in range(settings.max_redirects + 1):
            host, port, addresses = _check_address(current, url, settings, resolver, deadline)
            pins[(host, port)] = addresses
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECT_CODES and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    return _read(response, url, settings, accept, deadline)
            except httpx.TimeoutException:
                raise deadline.expired() from None
            except httpx.HTTPError as error:
                if deadline.left() <= 0:
                    raise deadline.expired() from None
                raise FetchError(url, f"cannot fetch: {error.__class__.__name__}: {error}") from None
        raise FetchError(url, f"more than {settings.max_redirects} redirects")


class Deadline:
    """The one moment by which a whole fetch must be done."""

    def __init__(self, seconds: float, url: str) -> None:
        self.seconds, self.url = seconds, url
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def within(self, timeout: float | None) -> float:
        """``timeout`` cut to what is left (raising the timeout when nothing is)."""
        left = self.left()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the fetch's {self.seconds:g} s are over")
        return left if timeout is None else min(timeout, left)

    def expired(self) -> FetchTimeout:
        return FetchTimeout(self.url, f"no answer within {self.seconds:g} s (connection, headers and body together)")


def _check_address(target: str, original: str, settings: Settings, resolver: Resolver,
                   deadline: Deadline) -> tuple[str, int, list[str]]:
    """Resolve the target's host once and check every address; returns (host, port, addresses) for the
    connection, the host as the transport sees it (lower case, IDNA-encoded)."""
    parts = urlsplit(target)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(original, f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError(original, "the URL has no host name")
    try:
        parsed = httpx.URL(target)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError) as error:
        raise FetchError(original, f"not a valid URL ({error})") from None
    port = parsed.port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve_within(resolver, host, port, deadline)
    if not addresses:
        raise FetchError(original, f"cannot resolve host name {parts.hostname}")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        reason = None if settings.allow_private else non_public(ip)
        if reason is not None:
            raise BlockedAddress(
                original,
                f"{parts.hostname} resolves to the non-public address {ip}{reason}; "
                "pass --allow-private to fetch from loopback or private networks",
            )
    return host, port, list(addresses)


def non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address ("" when it simply is not), or None when it is public. An IPv6
    address that carries an IPv4 address is public only when the IPv4 address inside is."""
    if not ip.is_global:
        return ""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return " (a local-use NAT64 prefix)"
        for inner in _embedded_ipv4(ip):
            if not inner.is_global:
                return f" (it carries the IPv4 address {inner})"
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: for local use only
_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated IPv4-compatible addresses


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, NAT64, 6to4, compatible, Teredo, ISATAP)."""
    last32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo:
        found.extend(ip.teredo)
    if ip in _NAT64 or ip in _COMPATIBLE:
        found.append(last32)
    if (int(ip) >> 32) & 0xFDFFFFFF == 0x00005EFE:  # ISATAP interface id: 0000:5efe or 0200:5efe
        found.append(last32)
    return found


def _resolve_within(resolver: Resolver, host: str, port: int, deadline: Deadline) -> list[str]:
    """``resolver(host, port)`` in a thread, given up when the deadline passes (the system resolver has no
    timeout of its own)."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(list(resolver(host, port)))
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            result.append(error)

    thread = threading.Thread(target=run, daemon=True, name="sitreps-resolve")
    thread.start()
    thread.join(max(deadline.left(), 0.0))
    if not result:
        raise deadline.expired()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]  # type: ignore[return-value]


class PinnedTransport(httpx.HTTPTransport):
    """The network transport: connects only to the addresses checked for a host, within the deadline."""

    def __init__(self, pins: dict[tuple[str, int], list[str]], deadline: Deadline) -> None:
        super().__init__()
        # httpx builds its httpcore pool in __init__; this one differs only by its network backend
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=_PinnedBackend(pins, deadline))


class _PinnedBackend(httpcore.SyncBackend):
    def __init__(self, pins: dict[tuple[str, int], list[str]], deadline: Deadline) -> None:
        self.pins, self.deadline = pins, deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        addresses = self.pins.get((host.lower(), port))
        if not addresses:  # never resolve here: only a checked address may be dialled
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        error: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port,
                                             timeout=self.deadline.within(timeout), local_address=local_address,
                                             socket_options=socket_options)
                return _DeadlineStream(stream, self.deadline)
            except httpcore.ConnectError as failed:
                error = failed
        raise error  # type: ignore[misc]


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.stream, self.deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, timeout=self.deadline.within(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, timeout=self.deadline.within(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self.stream.start_tls(ssl_context, server_hostname=server_hostname,
                                       timeout=self.deadline.within(timeout))
        return _DeadlineStream(stream, self.deadline)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


def _read(response: httpx.Response, url: str, settings: Settings, accept: Collection[str],
          deadline: Deadline) -> FetchedPage:
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
        if deadline.left() <= 0:  # a transport without the deadline (a mock, a custom one) still ends
            raise deadline.expired()
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
