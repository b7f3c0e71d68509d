"""Where the external-URL check may connect: public addresses only, vetted at every connection.

A page (or a server's redirect) can name any host. Without a guard, `--external` on a build machine
would ask `http://169.254.169.254/` (a cloud's credentials), `http://127.0.0.1:8080/admin` or a
router on the office network, and print what answered. So every connection goes through
`VettingBackend`: it resolves the name itself, refuses the whole name if any of its addresses is
loopback, private, link-local, multicast, unspecified, reserved or otherwise not globally routable
(IPv4 inside IPv6 is unwrapped first), and then connects to the very address it vetted, so a DNS
answer that changes between the check and the connection (DNS rebinding) cannot slip through.
Redirects are new connections, so each hop is vetted the same way.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses to try, in order (tests give a stub; the default asks the system).
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Prefixes that carry an IPv4 address inside an IPv6 one (besides ::ffff:0:0/96, which
# ipaddress unwraps as ipv4_mapped): NAT64's well-known prefix and the deprecated IPv4-compatible.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class RefusedAddress(Exception):
    """A connection the policy forbids. Not an httpcore error, so httpx hands it on unchanged."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address}, {reason}")
        self.host = host
        self.address = address
        self.reason = reason


@dataclass(frozen=True)
class AddressPolicy:
    """`allow_loopback` is for tests and benchmarks, whose servers listen on 127.0.0.1 only."""

    allow_loopback: bool = False

    def refusal(self, address: Address) -> str | None:
        """Why a connection to `address` is refused, or None when it is a public address."""
        for candidate in _judged(address):
            if candidate.is_loopback:
                if self.allow_loopback:
                    continue
                return "a loopback address (this machine)"
            reason = _category(candidate)
            if reason is not None:
                return reason
        return None


def _judged(address: Address) -> tuple[Address, ...]:
    """The addresses a connection really reaches. An IPv4 address written as IPv6 (mapped, NAT64,
    IPv4-compatible) is that IPv4 address; a 6to4 or Teredo one is judged with the IPv4 it carries."""
    if not isinstance(address, ipaddress.IPv6Address):
        return (address,)
    inner = address.ipv4_mapped
    if inner is None and (address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1)):
        inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if inner is not None:
        return (inner,)
    carried = [address.sixtofour, address.teredo[1] if address.teredo else None]
    return (address, *(item for item in carried if item is not None))


def _category(address: Address) -> str | None:
    # Order matters: the most telling word first (10.0.0.1 is private *and* not global).
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_link_local:
        return "a link-local address (cloud metadata lives there)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private-network address"
    if isinstance(address, ipaddress.IPv6Address) and address in _NAT64_LOCAL:
        return "a local NAT64 address"
    if not address.is_global:
        return "an address that is not publicly routable"
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]  # an address already: no lookup to wait for
    except ValueError:
        pass  # a name (or an address in a form only getaddrinfo reads, such as 2130706433)
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise httpcore.ConnectError(f"the name {host} does not resolve ({error.strerror})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class VettingBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer with a resolver and a policy in front of every TCP connection."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None,
                 inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.policy = policy
        self.resolver = resolver or system_resolver
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options=None) -> httpcore.AsyncNetworkStream:
        name = host.strip("[]")
        addresses = await self.resolver(name, port)
        if not addresses:
            raise httpcore.ConnectError(f"the name {name} has no address")
        vetted: list[str] = []
        for text in addresses:
            try:
                address = ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone is no part of it
            except ValueError:
                raise httpcore.ConnectError(f"{name} resolved to {text!r}, which is not an address") from None
            reason = self.policy.refusal(address)
            if reason is not None:
                raise RefusedAddress(name, str(address), reason)
            vetted.append(str(address))
        last: Exception | None = None
        for address in vetted:  # the addresses just vetted, never a second lookup
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last = error
        assert last is not None
        raise last

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("the external-URL check never connects to a local socket")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class VettedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport on a VettingBackend. No proxy from the environment: a proxy would make
    the connections itself, to addresses this guard never saw."""

    def __init__(self, policy: AddressPolicy, *, limits: httpx.Limits, resolver: Resolver | None = None) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=VettingBackend(policy, resolver),
        )
