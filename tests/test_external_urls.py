"""External URLs (`--external`, rule family 9), against a scripted server on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import threading
import json
import re
import socket
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from refcheck.external import EXTERNAL_RULES, check_external_urls, retry_after_seconds
from refcheck.findings import Finding, Location, Severity
from urlserver import UrlServer

EN = Location("docs/en/index.md", 12, 41)
ES = Location("docs/es/index.md", 14, 3)
# Small numbers keep the suite fast; the server's Retry-After is 1 s and its slow page 5 s.
# The test servers listen on 127.0.0.1, which only the tests' switch lets the checker reach.
FAST = dict(timeout=0.5, retries=2, backoff=0.02, allow_loopback=True)


@pytest.fixture
def server():
    with UrlServer() as running:
        yield running


def check(*urls: str, where: tuple[Location, ...] = (EN,), **options) -> list[Finding]:
    return check_external_urls({url: list(where) for url in urls}, **{**FAST, **options})


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


# -- what each answer means ---------------------------------------------------------------------


def test_a_url_that_answers_200_gives_no_finding(server):
    assert check(server.url("/ok")) == []
    assert server.hits("/ok", "HEAD") == 1
    assert server.hits("/ok", "GET") == 0


def test_404_is_broken_at_every_place_that_cites_it_with_an_archive_hint(server):
    url = server.url("/status/404")
    findings = check(url, where=(EN, ES))
    assert [(f.rule, f.severity, f.file, f.line, f.column) for f in findings] == [
        ("external-broken", Severity.ERROR, "docs/en/index.md", 12, 41),
        ("external-broken", Severity.ERROR, "docs/es/index.md", 14, 3),
    ]
    assert findings[0].message == (
        f"{url} answered 404 Not Found; fix the address or link an archived copy "
        f"(look for one at https://web.archive.org/web/*/{url})"
    )


def test_410_is_broken(server):
    finding = only(check(server.url("/status/410")))
    assert finding.rule == "external-broken"
    assert "410 Gone (removed for good)" in finding.message


def test_500_is_retried_then_broken(server):
    finding = only(check(server.url("/status/500"), retries=2))
    assert finding.rule == "external-broken"
    assert "500 Internal Server Error on 3 tries" in finding.message
    assert server.hits("/status/500") == 3


def test_500_that_recovers_on_retry_is_fine(server):
    assert check(server.url("/500-once")) == []
    assert server.hits("/500-once") == 2


def test_permanent_redirect_is_reported_with_the_final_url(server):
    url = server.url("/redirect/301/ok")
    finding = only(check(url))
    assert (finding.rule, finding.severity) == ("external-redirect", Severity.WARNING)
    assert finding.message == (
        f"{url} redirects permanently (301 Moved Permanently) to {server.url('/ok')}; "
        f"link {server.url('/ok')} instead"
    )


def test_chain_of_permanent_redirects_leads_to_the_last_address(server):
    finding = only(check(server.url("/redirect/308/redirect/301/ok")))
    assert "(308 Permanent Redirect -> 301 Moved Permanently)" in finding.message
    assert finding.message.endswith(f"link {server.url('/ok')} instead")


def test_permanent_then_temporary_redirect_suggests_the_permanent_target(server):
    finding = only(check(server.url("/redirect/301/redirect/302/ok")))
    assert finding.rule == "external-redirect"
    assert f"link {server.url('/redirect/302/ok')} instead" in finding.message
    assert f"then redirects temporarily to {server.url('/ok')}" in finding.message


def test_temporary_redirects_are_fine(server):
    assert check(server.url("/redirect/302/redirect/307/ok"), server.url("/redirect/303/ok")) == []


def test_redirect_to_a_missing_page_is_broken(server):
    finding = only(check(server.url("/redirect/301/status/404")))
    assert finding.rule == "external-broken"
    cited, landed = server.url("/redirect/301/status/404"), server.url("/status/404")
    assert finding.message.startswith(f"{cited} redirects to {landed}, which answered 404 Not Found;")


def test_redirect_loop_is_reported(server):
    a, b = server.url("/loop/a"), server.url("/loop/b")
    finding = only(check(a))
    assert (finding.rule, finding.severity) == ("external-redirect-loop", Severity.ERROR)
    assert f"({a} -> {b} -> {a})" in finding.message
    assert server.total_requests() == 2


def test_redirects_beyond_the_limit_are_reported(server):
    url = server.url("/redirect/302/redirect/302/redirect/302/ok")
    finding = only(check(url, max_redirects=2))
    assert finding.rule == "external-redirect-loop"
    assert "more than 2 times" in finding.message
    assert check(url, max_redirects=3) == []


def test_429_then_200_is_fine_after_waiting_as_asked(server):
    started = time.monotonic()
    assert check(server.url("/429-once")) == []
    assert server.hits("/429-once") == 2
    assert time.monotonic() - started >= 0.95  # Retry-After: 1 was honoured


def test_429_that_persists_is_unverified_not_broken(server):
    finding = only(check(server.url("/429-always"), retries=1))
    assert (finding.rule, finding.severity) == ("external-unverified", Severity.WARNING)
    assert "429 Too Many Requests (on 2 tries, after waiting as long as it asked)" in finding.message
    assert server.hits("/429-always") == 2


def test_retry_after_beyond_the_cap_is_unverified_without_waiting(server):
    started = time.monotonic()
    finding = only(check(server.url("/429-long")))
    assert finding.rule == "external-unverified"
    assert "asked to wait 3600 s, longer than the 60 s this checker waits" in finding.message
    assert server.hits("/429-long") == 1
    assert time.monotonic() - started < 0.9


def test_slow_response_beyond_the_timeout_is_broken(server):
    started = time.monotonic()
    finding = only(check(server.url("/slow/5"), timeout=0.3, retries=1))
    assert finding.rule == "external-broken"
    assert "did not answer within 0.3 s (2 tries)" in finding.message
    assert time.monotonic() - started < 2


def test_dropped_connection_is_retried_with_get_then_broken(server):
    finding = only(check(server.url("/drop"), retries=1))
    assert finding.rule == "external-broken"
    assert "closed the connection without answering (2 tries)" in finding.message
    assert (server.hits("/drop", "HEAD"), server.hits("/drop", "GET")) == (2, 2)


def test_connection_refused_is_broken():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    finding = only(check(f"http://127.0.0.1:{port}/", retries=0))
    assert finding.rule == "external-broken"
    assert "could not be reached" in finding.message


def test_head_refused_falls_back_to_get(server):
    assert check(server.url("/no-head")) == []
    assert (server.hits("/no-head", "HEAD"), server.hits("/no-head", "GET")) == (1, 1)


def test_403_to_head_and_get_is_unverified(server):
    finding = only(check(server.url("/status/403")))
    assert (finding.rule, finding.severity) == ("external-unverified", Severity.WARNING)
    assert "403 Forbidden to both HEAD and GET" in finding.message


@pytest.mark.parametrize("url", ["http://exa mple.org/", "http://[::1/", "http://", "https://:99999/"])
def test_invalid_http_address_is_broken_without_a_traceback(url):
    finding = only(check(url, retries=0))
    assert finding.rule == "external-broken"
    assert "is not a valid address" in finding.message


def test_only_http_and_https_are_checked(server):
    skipped = ["mailto:someone@example.org", "ftp://127.0.0.1/file", "page.md", "#part", "//127.0.0.1/x", ""]
    assert check(*skipped) == []
    assert server.total_requests() == 0


def test_is_usable_from_inside_a_running_event_loop(server):
    async def from_a_hook() -> list[Finding]:
        return check(server.url("/status/404"))

    # A thread of its own: Playwright's sync API (the browser tests) keeps a loop in the main one.
    found: list[list[Finding]] = []
    thread = threading.Thread(target=lambda: found.append(asyncio.run(from_a_hook())))
    thread.start()
    thread.join()
    assert only(found[0]).rule == "external-broken"


# -- each URL once, and limits ------------------------------------------------------------------


def test_each_url_is_fetched_once_however_many_places_cite_it(server):
    places = [Location(f"docs/{lang}/page{n}.md", n, 1) for lang in ("en", "es", "fr") for n in range(1, 4)]
    uses = {server.url("/status/404"): places, server.url("/status/404#part"): [EN]}
    findings = check_external_urls(uses, **FAST)
    assert len(findings) == len(places) + 1
    assert {(f.file, f.line) for f in findings} == {(p.file, p.line) for p in [*places, EN]}
    assert server.hits("/status/404") == 1


# The limit tests measure concurrency, not time: a generous timeout keeps a loaded machine (the
# browser tests run just before) from turning a slow answer into a finding.
LIMITS = dict(timeout=10.0)


def test_per_host_limit_is_never_exceeded():
    with UrlServer(latency=0.05) as slow:
        assert check(*(slow.url(f"/ok/{n}") for n in range(24)), per_host=3, **LIMITS) == []
        assert slow.max_in_flight["127.0.0.1"] == 3


def test_global_limit_is_never_exceeded():
    with UrlServer(latency=0.05) as slow:
        assert check(*(slow.url(f"/ok/{n}") for n in range(10)), per_host=8, max_concurrency=2, **LIMITS) == []
        assert slow.max_in_flight["127.0.0.1"] == 2


# -- the cache ----------------------------------------------------------------------------------


def test_cache_avoids_a_second_request(server, tmp_path):
    cache = tmp_path / "cache" / "external.json"
    assert check(server.url("/ok"), cache_path=cache) == []
    assert check(server.url("/ok"), cache_path=cache) == []
    assert server.hits("/ok") == 1


def test_cache_never_stores_a_failure_or_a_warning(server, tmp_path):
    cache = tmp_path / "external.json"
    urls = [server.url("/status/404"), server.url("/redirect/301/ok"), server.url("/ok")]
    for _run in range(2):
        assert {f.rule for f in check(*urls, cache_path=cache)} == {"external-broken", "external-redirect"}
    assert server.hits("/status/404") == 2
    assert server.hits("/redirect/301/ok") == 2
    assert list(json.loads(cache.read_text())["urls"]) == [server.url("/ok")]


def test_cache_entries_expire_after_their_time_to_live(server, tmp_path):
    cache = tmp_path / "external.json"
    check(server.url("/ok"), cache_path=cache)
    data = json.loads(cache.read_text())
    data["urls"][server.url("/ok")]["checked"] -= 86400 + 1  # checked a day and a second ago
    cache.write_text(json.dumps(data))
    check(server.url("/ok"), cache_path=cache)
    assert server.hits("/ok") == 2
    check(server.url("/ok"), cache_path=cache)
    assert server.hits("/ok") == 2  # the new answer is cached again
    check(server.url("/ok"), cache_path=cache, cache_ttl=0)
    assert server.hits("/ok") == 3


@pytest.mark.parametrize(
    "content",
    [
        b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]",
        b'{"version": 1, "urls": {"x": 5}}',
        b'{"version": 1, "urls": {"x": {"checked": 1%s}}}' % (b"0" * 400),
        b'{"version": 99}',
    ],
    ids=["empty", "invalid-json", "binary", "wrong-shape", "wrong-entry", "huge-number", "other-version"],
)
def test_corrupt_cache_is_ignored_and_replaced(server, tmp_path, content):
    cache = tmp_path / "external.json"
    cache.write_bytes(content)
    assert check(server.url("/ok"), cache_path=cache) == []
    assert server.hits("/ok") == 1
    assert list(json.loads(cache.read_text())["urls"]) == [server.url("/ok")]


def test_unreadable_or_unwritable_cache_is_ignored(server, tmp_path):
    cache = tmp_path / "a-directory"
    cache.mkdir()
    assert check(server.url("/status/404"), cache_path=cache)[0].rule == "external-broken"
    assert check(server.url("/ok"), cache_path=cache) == []
    assert list(cache.iterdir()) == []  # no temporary file left behind


# -- Retry-After and the rules ------------------------------------------------------------------


def test_retry_after_reads_seconds_and_http_dates():
    now = 1_700_000_000.0
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30)
    assert retry_after_seconds(formatdate(now - 30, usegmt=True), now=now) == 0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("inf") is None
    assert retry_after_seconds("-5") is None
    assert retry_after_seconds(None) is None


@given(st.text(max_size=60))
def test_retry_after_never_raises_and_is_never_negative(value):
    seconds = retry_after_seconds(value)
    assert seconds is None or seconds >= 0


def test_every_rule_is_documented_with_a_stable_kebab_case_id():
    ids = [rule.id for rule in EXTERNAL_RULES]
    assert len(set(ids)) == len(ids)
    for rule in EXTERNAL_RULES:
        assert re.fullmatch(r"external(-[a-z]+)+", rule.id)
        assert rule.summary and rule.why and rule.failing_example and rule.passing_example
    assert set(ids) == {
        "external-broken", "external-redirect", "external-redirect-loop", "external-unverified",
        "external-private-address",
    }
