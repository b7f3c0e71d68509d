"""The external-URL check never connects inside a network (issue 9, item 8).

Only the scripted server on 127.0.0.1 is ever connected to: every other address in these tests is
refused before a connection, and `connections` (a wrapper round httpcore's own connect) proves it
and would fail the test rather than let a packet leave for a private or public address.
"""

from __future__ import annotations

import ipaddress
import time

import httpcore
import pytest
from hypothesis import given, strategies as st

from refcheck.external import NO_REPO_URL, check_external_urls, user_agent_for
from refcheck.findings import Finding, Location, Severity
from refcheck.netguard import AddressPolicy
from urlserver import UrlServer

EN = Location("docs/en/index.md", 3, 1)
FAST = dict(timeout=2.0, retries=0, backoff=0.01)


@pytest.fixture
def server():
    with UrlServer() as running:
        yield running


@pytest.fixture
def connections(monkeypatch) -> list[str]:
    """Every address the checker really connects to; anything but 127.0.0.1 stops the test."""
    made: list[str] = []
    real = httpcore.AnyIOBackend.connect_tcp

    async def connect_tcp(self, host, port, *args, **kwargs):
        made.append(host)
        if host != "127.0.0.1":
            raise AssertionError(f"the checker tried to connect to {host}")
        return await real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", connect_tcp)
    return made


def resolving(table: dict[str, list[str]]):
    """A resolver stub: name -> addresses; each call is recorded."""
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        try:
            return ipaddress.ip_address(host) and [host]
        except ValueError:
            return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def check(*urls: str, **options) -> list[Finding]:
    return check_external_urls({url: [EN] for url in urls}, **{**FAST, **options})


REFUSED = [
    ("http://127.0.0.1:9/", "loopback"),
    ("http://127.1.2.3/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://240.0.0.1/", "reserved"),
    ("http://100.64.0.1/", "not publicly routable"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:10.1.2.3]/", "private"),
    ("http://[::ffff:169.254.169.254]/", "link-local"),
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local"),  # NAT64 of 169.254.169.254
    ("http://[2002:c0a8:101::1]/", "private"),  # 6to4 of 192.168.1.1
    ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ("http://0x7f.1/", "loopback"),
]


@pytest.mark.parametrize(("url", "kind"), REFUSED, ids=[url for url, _ in REFUSED])
def test_an_address_inside_a_network_is_refused_without_connecting(url, kind, connections):
    finding = only(check(url))
    assert (finding.rule, finding.severity) == ("external-private-address", Severity.ERROR)
    assert kind in finding.message and "not checked" in finding.message
    assert connections == []


def test_a_name_that_resolves_to_a_private_address_is_refused(connections):
    resolver = resolving({"intranet.example": ["10.20.30.40"]})
    finding = only(check("https://intranet.example/report.pdf", resolver=resolver))
    assert finding.rule == "external-private-address"
    assert "leads to 10.20.30.40, a private-network address" in finding.message
    assert connections == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(connections):
    resolver = resolving({"mixed.example": ["93.184.216.34", "127.0.0.1"]})
    assert only(check("http://mixed.example/", resolver=resolver)).rule == "external-private-address"
    assert connections == []


def test_the_checker_connects_to_the_address_it_vetted_and_keeps_the_name(server, connections):
    resolver = resolving({"public.example": ["127.0.0.1"]})
    assert check(f"http://public.example:{server.port}/ok", resolver=resolver, allow_loopback=True) == []
    assert connections == ["127.0.0.1"]
    assert server.seen_headers[0][0] == f"public.example:{server.port}"  # the Host the page named


def test_loopback_is_refused_unless_the_test_switch_allows_it(server, connections):
    assert only(check(server.url("/ok"))).rule == "external-private-address"
    assert server.total_requests() == 0
    assert check(server.url("/ok"), allow_loopback=True) == []
    assert server.hits("/ok") == 1


@pytest.mark.parametrize("target", ["http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::ffff:192.168.0.1]/", "http://localhost.intranet/"])
def test_a_redirect_into_a_network_is_refused_at_that_hop(server, connections, target):
    resolver = resolving({"localhost.intranet": ["192.168.7.7"]})
    url = server.url(f"/goto?to={target}")
    finding = only(check(url, allow_loopback=True, resolver=resolver))
    assert finding.rule == "external-private-address"
    assert finding.message.startswith(f"{url} redirects to {target}, which leads to ")
    assert set(connections) == {"127.0.0.1"} and server.total_requests() == 1


def test_every_connection_is_vetted_again_so_a_changed_dns_answer_is_caught(server, connections):
    """DNS rebinding: the name passes once, then answers with a private address."""
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    url = f"http://rebind.example:{server.port}/redirect/302/ok"
    finding = only(check(url, allow_loopback=True, resolver=rebinding))
    assert finding.rule == "external-private-address"
    assert "10.9.9.9" in finding.message
    assert connections == ["127.0.0.1"] and server.hits("/ok") == 0


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/"])
def test_a_redirect_to_another_scheme_is_never_followed(server, connections, target):
    finding = only(check(server.url(f"/goto?to={target}"), allow_loopback=True))
    assert finding.rule == "external-unverified" and "not an http(s) address" in finding.message
    assert server.total_requests() == 1


def test_a_proxy_in_the_environment_is_not_used(server, connections, monkeypatch):
    """A proxy would connect on the checker's behalf, to addresses the guard never saw."""
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.0.0.1:3128")
    assert check(server.url("/ok"), allow_loopback=True) == []
    assert connections == ["127.0.0.1"]


def test_the_policy_lets_public_addresses_through():
    policy = AddressPolicy()
    for text in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8", "::ffff:8.8.8.8"):
        assert policy.refusal(ipaddress.ip_address(text)) is None, text


# -- one URL's total time -----------------------------------------------------------------------


def test_retry_after_waits_count_towards_the_total_time_of_a_url(server):
    started = time.monotonic()
    finding = only(check(server.url("/429-always"), retries=5, allow_loopback=True, max_url_seconds=0.5))
    assert finding.rule == "external-unverified"
    assert "took longer than the 0.5 s this checker gives one URL" in finding.message
    assert time.monotonic() - started < 2  # not the 5 x 1 s the server asked for
    assert server.hits("/429-always") == 1


def test_a_slow_server_is_cut_off_at_the_total_time_not_the_request_timeout(server):
    started = time.monotonic()
    finding = only(check(server.url("/slow/5"), timeout=10, allow_loopback=True, max_url_seconds=0.4))
    assert finding.rule == "external-unverified" and "took longer than the 0.4 s" in finding.message
    assert time.monotonic() - started < 3


# -- who is asking ------------------------------------------------------------------------------


def test_the_user_agent_names_the_project_repository(server):
    agent = user_agent_for({"repo_url": "https://github.com/kind/remain-in-mexico"})
    assert check(server.url("/ok"), allow_loopback=True, user_agent=agent) == []
    assert server.seen_headers[0][1] == agent
    assert agent.startswith("refcheck/1 (") and "+https://github.com/kind/remain-in-mexico)" in agent


@pytest.mark.parametrize("config", [{}, {"repo_url": None}, {"repo_url": "javascript:alert(1)"},
                                    {"repo_url": "git@github.com:kind/x.git"}])
def test_without_an_http_repo_url_the_user_agent_says_so(config):
    assert user_agent_for(config).endswith(f"+{NO_REPO_URL})")


def test_the_user_agent_never_carries_a_line_break_from_mkdocs_yml():
    agent = user_agent_for({"repo_url": "https://example.org/x\r\nX-Injected: 1"})
    assert "\r" not in agent and "\n" not in agent and " " not in agent.split("+", 1)[1]


# -- the policy, on any address -------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_an_ipv4_address_written_as_ipv6_is_judged_as_itself(number):
    """Mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::) forms of an
    internal address are refused exactly when the IPv4 address is."""
    policy = AddressPolicy()
    v4 = ipaddress.IPv4Address(number)
    refused = policy.refusal(v4) is not None
    mapped = ipaddress.IPv6Address(f"::ffff:{v4}")
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | number)
    assert (policy.refusal(mapped) is not None) == refused
    assert (policy.refusal(nat64) is not None) == refused
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (number << 80) | 1)
    if refused:
        assert policy.refusal(sixtofour) is not None


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_only_globally_routable_unicast_ipv4_passes(number):
    v4 = ipaddress.IPv4Address(number)
    passes = AddressPolicy().refusal(v4) is None
    assert passes == (v4.is_global and not v4.is_multicast and not v4.is_reserved)
