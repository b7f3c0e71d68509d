"""External URLs (`--external`): is every cited address still there?

Each distinct URL is asked once, whatever number of pages and languages cite it, and every finding
is reported at every place that cites it. Safety comes first: only http and https, and never a
connection to a loopback, private, link-local, multicast or reserved address, at any redirect
(`refcheck.netguard`); one URL gets a bounded time in all, waits included. Politeness comes first: few requests per host at a time,
HEAD before GET, waiting as long as a rate-limiting host asks (capped), and a cache of the URLs that
answered, so a second run asks nothing it already knows. A failure is never cached: a broken link
must keep failing until someone fixes it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import random
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path

import httpx

from refcheck.findings import Finding, Location, Rule, Severity
from refcheck.netguard import AddressPolicy, RefusedAddress, Resolver, VettedTransport

# Servers see who asks and where to complain: the project's repository (mkdocs.yml `repo_url`),
# or, when a project sets none, this placeholder, which says so rather than pretending an address.
NO_REPO_URL = "no repo_url in mkdocs.yml"
DEFAULT_USER_AGENT = f"refcheck/1 (reference checker for MkDocs sites; link check, HEAD first; +{NO_REPO_URL})"
# Longest time one URL may take in all: every redirect, retry, back-off and Retry-After wait.
MAX_URL_SECONDS = 90.0
# Where the CLI keeps the cache, relative to the checked project's root (`.cache/` is git-ignored).
DEFAULT_CACHE_PATH = Path(".cache/refcheck/external-urls.json")
# Longest Retry-After this checker waits; a host asking for longer is reported as unverified at once.
MAX_RETRY_AFTER = 60.0
CACHE_VERSION = 1

EXTERNAL_BROKEN = Rule(
    id="external-broken",
    summary="An external URL that does not answer, or answers with an error",
    severity=Severity.ERROR,
    why="A reader who follows the citation meets an error page instead of the source; "
    "404/410, a 5xx that persists after retries, a timeout or a refused connection all mean the "
    "source is gone or moved, and an archived copy keeps the citation checkable.",
    failing_example="[report](https://example.org/old-report.pdf)  <!-- answers 404 Not Found -->",
    passing_example="[report](https://web.archive.org/web/20181130/https://example.org/old-report.pdf)",
)
EXTERNAL_REDIRECT = Rule(
    id="external-redirect",
    summary="An external URL that redirects permanently (301/308) to another address",
    severity=Severity.WARNING,
    why="A permanent redirect says the source has a new address; old addresses are dropped "
    "when sites are rebuilt, so linking the new one keeps the citation working longer.",
    failing_example="[law](http://example.org/law)  <!-- 301 to https://example.org/law -->",
    passing_example="[law](https://example.org/law)",
)
EXTERNAL_REDIRECT_LOOP = Rule(
    id="external-redirect-loop",
    summary="An external URL whose redirects loop or never end",
    severity=Severity.ERROR,
    why="A browser gives up on a redirect loop (or a chain longer than its limit) and shows an "
    "error, so no reader reaches the source.",
    failing_example="[page](https://example.org/a)  <!-- /a -> /b -> /a -->",
    passing_example="[page](https://example.org/page)  <!-- 200 OK -->",
)
EXTERNAL_UNVERIFIED = Rule(
    id="external-unverified",
    summary="An external URL the host would not let the checker verify",
    severity=Severity.WARNING,
    why="Some hosts rate-limit (429 after waiting as asked) or refuse automated requests "
    "(401/403 to both HEAD and GET); the link may well work in a browser, so it is a warning "
    "to check by hand, not an error.",
    failing_example="[post](https://example.org/post)  <!-- 429, and 429 again after Retry-After -->",
    passing_example="[post](https://example.org/post)  <!-- 200 OK once the wait is over -->",
)

EXTERNAL_PRIVATE_ADDRESS = Rule(
    id="external-private-address",
    summary="An external URL (or a redirect on its way) leads to a loopback, private, link-local or reserved address",
    severity=Severity.ERROR,
    why="No reader can reach an address inside someone's own network, and the checker never "
    "connects to one: a page or a server's redirect must not turn the build machine into a probe "
    "of its own network (cloud metadata at 169.254.169.254, services on 127.0.0.1, the office LAN).",
    failing_example="[data](http://10.0.0.5/report.pdf)  <!-- or a public URL that redirects there -->",
    passing_example="[data](https://example.org/report.pdf)",
)

EXTERNAL_RULES: list[Rule] = [
    EXTERNAL_BROKEN, EXTERNAL_REDIRECT, EXTERNAL_REDIRECT_LOOP, EXTERNAL_UNVERIFIED, EXTERNAL_PRIVATE_ADDRESS,
]

CHECKED_SCHEMES = ("http", "https")
# A host name as httpx hands it on (IDNA already applied), or an IP address; brackets dropped.
HOST_NAME = re.compile(r"[a-z0-9_.:-]+")
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Answers to HEAD that mean "ask me with GET" rather than "this address is wrong".
HEAD_REFUSED = frozenset({400, 401, 403, 405, 501, 999})
# Hosts that refuse robots (LinkedIn answers 999): the page may be fine, so it is unverified.
FORBIDS_CHECKING = frozenset({401, 403, 999})


@dataclass(frozen=True)
class UrlResult:
    """What one URL's check concluded: no rule means the URL is fine."""

    url: str
    rule: Rule | None = None
    message: str = ""
    cacheable: bool = False


@dataclass(frozen=True)
class _Reply:
    status: int
    reason: str
    location: str | None
    retry_after: str | None
    tries: int = 1


@dataclass(frozen=True)
class _Failure:
    """A request that got no HTTP answer at all, after every retry."""

    what: str


@dataclass(frozen=True)
class _Refused:
    """A hop the address policy would not connect to."""

    refused: RefusedAddress


class _OutOfTime(Exception):
    """The URL used up its total time (MAX_URL_SECONDS)."""


class _Budget:
    """One URL's total time. The clock starts at its first request, not while it waits its turn
    behind other URLs of the same host, so a site citing one host many times is not penalized."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline: float | None = None

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = asyncio.get_running_loop().time() + self.seconds

    def left(self) -> float:
        if self.deadline is None:
            return self.seconds
        return self.deadline - asyncio.get_running_loop().time()

    def spend(self, wanted: float) -> float:
        """How long a wait or request may last: `wanted`, or what is left; none left is the end."""
        left = self.left()
        if left <= 0:
            raise _OutOfTime
        return min(wanted, left)


def user_agent_for(config: Mapping[str, object]) -> str:
    """The User-Agent for a project: its `repo_url` (http or https) as the address to contact."""
    repo = config.get("repo_url")
    address = NO_REPO_URL
    if isinstance(repo, str):
        text = "".join(ch for ch in repo.strip() if " " < ch < "\x7f" and ch not in "()")
        if text.lower().startswith(("https://", "http://")):
            address = text
    return f"refcheck/1 (reference checker for MkDocs sites; link check, HEAD first; +{address})"


def check_external_urls(
    uses: Mapping[str, Sequence[Location]],
    *,
    cache_path: Path | None = None,
    timeout: float = 10.0,
    max_concurrency: int = 32,
    per_host: int = 4,
    retries: int = 2,
    max_redirects: int = 10,
    cache_ttl: float = 86400.0,
    user_agent: str = DEFAULT_USER_AGENT,
    backoff: float = 0.5,
    max_retry_after: float = MAX_RETRY_AFTER,
    max_url_seconds: float = MAX_URL_SECONDS,
    allow_loopback: bool = False,
    resolver: Resolver | None = None,
) -> list[Finding]:
    """Check every http(s) URL in `uses` once; report each finding at every Location that cites it.

    `timeout` bounds each request (seconds); `retries` is how many more times a timeout, a dropped
    connection, a 5xx or a 429 is tried, waiting `backoff * 2**n` seconds (plus jitter) or what
    Retry-After asks (at most `max_retry_after`). `cache_path`, when given, keeps the URLs that
    answered well for `cache_ttl` seconds. Other schemes (mailto:, ftp:, ...) are skipped.
    `max_url_seconds` caps one URL's whole check (redirects, retries and waits included).
    No connection ever goes to a loopback, private, link-local, multicast or reserved address;
    `allow_loopback` (tests and benchmarks only) lets 127.0.0.1 through, and `resolver` replaces
    the system's name resolution (tests).
    """
    by_url: dict[str, list[Location]] = defaultdict(list)
    for written, places in uses.items():
        url = _checkable(written)
        if url is not None:
            by_url[url].extend(places)
    if not by_url:
        return []

    cache = _Cache.load(cache_path, cache_ttl)
    to_check = [url for url in by_url if not cache.fresh(url)]
    checker = _Checker(
        timeout=timeout,
        max_concurrency=max_concurrency,
        per_host=per_host,
        retries=retries,
        max_redirects=max_redirects,
        user_agent=user_agent,
        backoff=backoff,
        max_retry_after=max_retry_after,
        max_url_seconds=max_url_seconds,
        policy=AddressPolicy(allow_loopback=allow_loopback),
        resolver=resolver,
    )
    results = _run(checker.check_all(to_check)) if to_check else []
    cache.save(
        answered=[result.url for result in results if result.cacheable],
        failed=[result.url for result in results if not result.cacheable],
    )

    findings = [
        Finding.at(result.rule, place, result.message)
        for result in results
        if result.rule is not None
        for place in by_url[result.url]
    ]
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.column or 0, f.rule, f.message))


def _checkable(written: str) -> str | None:
    """The address to ask for (without its #fragment), or None for what is not http(s)."""
    text = written.strip()
    scheme, colon, _rest = text.partition(":")
    if not colon or scheme.lower() not in CHECKED_SCHEMES:
        return None
    return text.split("#", 1)[0]


def _run(coroutine):
    """asyncio.run, also when called from code already inside an event loop (an MkDocs plugin may be)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delay-seconds or an HTTP-date), or None if unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, seconds)


def _phrase(status: int, reason: str = "") -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} {reason}".strip()


def _subject(chain: Sequence[str]) -> str:
    """Who answered: the cited URL, or where its redirects led."""
    if len(chain) == 1:
        return chain[0]
    through = f" (by way of {' -> '.join(chain[1:-1])})" if len(chain) > 2 else ""
    return f"{chain[0]} redirects{through} to {chain[-1]}, which"


def _tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def _archive_hint(url: str) -> str:
    return f"fix the address or link an archived copy (look for one at https://web.archive.org/web/*/{url})"


class _Host:
    """One host's share of the checker: its request slots, and when it said we may ask again."""

    def __init__(self, slots: int) -> None:
        self.slots = asyncio.Semaphore(slots)
        self.resume_at = 0.0


class _Checker:
    def __init__(
        self,
        *,
        timeout: float,
        max_concurrency: int,
        per_host: int,
        retries: int,
        max_redirects: int,
        user_agent: str,
        backoff: float,
        max_retry_after: float,
        max_url_seconds: float = MAX_URL_SECONDS,
        policy: AddressPolicy = AddressPolicy(),
        resolver: Resolver | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_concurrency = max(1, max_concurrency)
        self.per_host = max(1, per_host)
        self.retries = max(0, retries)
        self.max_redirects = max(0, max_redirects)
        self.user_agent = user_agent
        self.backoff = max(0.0, backoff)
        self.max_retry_after = max_retry_after
        self.max_url_seconds = max(0.001, max_url_seconds)
        self.policy = policy
        self.resolver = resolver
        self.hosts: dict[str, _Host] = {}

    async def check_all(self, urls: Sequence[str]) -> list[UrlResult]:
        self.slots = asyncio.Semaphore(self.max_concurrency)
        limits = httpx.Limits(
            max_connections=self.max_concurrency, max_keepalive_connections=self.max_concurrency
        )
        headers = {"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
        transport = VettedTransport(self.policy, limits=limits, resolver=self.resolver)
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(self.timeout), limits=limits, headers=headers, follow_redirects=False,
            transport=transport, trust_env=False,  # no proxy from the environment: see netguard
        ) as self.client:
            return list(await asyncio.gather(*(self.check_safely(url) for url in urls)))

    async def check_safely(self, url: str) -> UrlResult:
        try:
            return await self.check(url)
        except _OutOfTime:
            return UrlResult(
                url, EXTERNAL_UNVERIFIED,
                f"{url} took longer than the {self.max_url_seconds:g} s this checker gives one URL "
                "(redirects, retries and waits included); not verified: open it in a browser",
            )
        except Exception as error:  # a finding to look at, never a traceback that stops the whole run
            return UrlResult(
                url, EXTERNAL_UNVERIFIED,
                f"{url} could not be checked ({type(error).__name__}: {error}); check it by hand",
            )

    async def check(self, url: str) -> UrlResult:
        """Follow one URL's redirects by hand (to see each hop) and judge where it lands."""
        chain = [url]
        statuses: list[int] = []
        current = url
        budget = _Budget(self.max_url_seconds)
        while True:
            try:
                answer = await self.ask(current, budget)
            except httpx.InvalidURL as error:
                return UrlResult(url, EXTERNAL_BROKEN, f"{current} is not a valid address ({error}); fix it")
            if isinstance(answer, _Refused):
                refused = answer.refused
                return UrlResult(
                    url, EXTERNAL_PRIVATE_ADDRESS,
                    f"{_subject(chain)} leads to {refused.address}, {refused.reason}: not checked "
                    "(the checker never connects inside a network); link a public address",
                )
            if isinstance(answer, _Failure):
                message = f"{_subject(chain)} {answer.what}; {_archive_hint(url)}"
                return UrlResult(url, EXTERNAL_BROKEN, message)
            if answer.status not in REDIRECTS or not answer.location:
                return self.judge(url, chain, statuses, answer)
            try:
                target = str(httpx.URL(current).join(answer.location.strip()).copy_with(fragment=None))
            except (httpx.InvalidURL, ValueError, TypeError) as error:
                return UrlResult(
                    url, EXTERNAL_BROKEN,
                    f"{current} redirects to an invalid address {answer.location!r} ({error}); "
                    + _archive_hint(url),
                )
            statuses.append(answer.status)
            if target in chain:
                loop = " -> ".join([*chain[chain.index(target):], target])
                return UrlResult(
                    url, EXTERNAL_REDIRECT_LOOP,
                    f"{url} redirects in a loop ({loop}); link the page's own address, or an archived copy",
                )
            chain.append(target)
            if len(statuses) > self.max_redirects:
                return UrlResult(
                    url, EXTERNAL_REDIRECT_LOOP,
                    f"{url} redirects more than {self.max_redirects} times (last seen: {target}); "
                    "link the page's own address, or an archived copy",
                )
            if httpx.URL(target).scheme not in CHECKED_SCHEMES:
                return UrlResult(
                    url, EXTERNAL_UNVERIFIED,
                    f"{url} redirects to {target}, which is not an http(s) address and was not checked; "
                    "check it by hand",
                )
            current = target

    def judge(self, url: str, chain: list[str], statuses: list[int], answer: _Reply) -> UrlResult:
        final = chain[-1]
        said = _phrase(answer.status, answer.reason)
        subject = _subject(chain)
        if 200 <= answer.status < 300:
            permanent = 0
            while permanent < len(statuses) and statuses[permanent] in PERMANENT_REDIRECTS:
                permanent += 1
            if not permanent:
                return UrlResult(url, cacheable=True)
            new = chain[permanent]
            codes = " -> ".join(_phrase(code) for code in statuses[:permanent])
            then = f" (which then redirects temporarily to {final})" if new != final else ""
            return UrlResult(
                url, EXTERNAL_REDIRECT,
                f"{url} redirects permanently ({codes}) to {new}{then}; link {new} instead",
            )
        tries = _tries(answer.tries)
        asked = retry_after_seconds(answer.retry_after)
        if answer.status == 429:
            if asked is not None and asked > self.max_retry_after:
                cap = self.max_retry_after
                waited = f"asked to wait {asked:.0f} s, longer than the {cap:g} s this checker waits"
            else:
                waited = f"on {tries}, after waiting as long as it asked"
            return UrlResult(
                url, EXTERNAL_UNVERIFIED,
                f"{subject} answered {said} ({waited}); not verified: rerun later, "
                "or open it in a browser",
            )
        if answer.status in FORBIDS_CHECKING:
            return UrlResult(
                url, EXTERNAL_UNVERIFIED,
                f"{subject} answered {said} to both HEAD and GET (the host refuses automated checks); "
                "open it in a browser to confirm it works",
            )
        if answer.status >= 500:
            return UrlResult(
                url, EXTERNAL_BROKEN,
                f"{subject} answered {said} on {tries}; if it persists, {_archive_hint(url)}",
            )
        if answer.status in REDIRECTS:
            return UrlResult(
                url, EXTERNAL_BROKEN,
                f"{subject} answered {said} with no Location to go to; {_archive_hint(url)}",
            )
        if 300 <= answer.status < 400 or 100 <= answer.status < 200:
            return UrlResult(
                url, EXTERNAL_UNVERIFIED,
                f"{subject} answered {said}; open it in a browser to confirm it works",
            )
        gone = " (removed for good)" if answer.status == 410 else ""
        return UrlResult(url, EXTERNAL_BROKEN, f"{subject} answered {said}{gone}; {_archive_hint(url)}")

    async def ask(self, url: str, budget: _Budget) -> _Reply | _Failure | _Refused:
        """One hop, retried: timeouts, dropped connections, 5xx and 429 are tried again."""
        name = httpx.URL(url).raw_host.decode("ascii", "replace").lower()
        if not HOST_NAME.fullmatch(name):  # httpx would hand "exa%20mple.org" to DNS
            raise httpx.InvalidURL("no valid host name in it")
        host = self.hosts.setdefault(name, _Host(self.per_host))
        last: _Reply | _Failure = _Failure("was not asked")
        for attempt in range(self.retries + 1):
            last_try = attempt == self.retries
            try:
                reply = replace(await self.once(url, host, budget), tries=attempt + 1)
            except RefusedAddress as refused:
                return _Refused(refused)  # no retry: the answer would be the same
            except httpx.TimeoutException:
                last = _Failure(f"did not answer within {self.timeout:g} s ({_tries(attempt + 1)})")
            except httpx.RemoteProtocolError:
                last = _Failure(f"closed the connection without answering ({_tries(attempt + 1)})")
            except httpx.ConnectError as error:
                reason = str(error) or "connection failed"
                last = _Failure(f"could not be reached ({reason}; {_tries(attempt + 1)})")
            except httpx.UnsupportedProtocol as error:
                raise httpx.InvalidURL(str(error)) from error
            except httpx.TransportError as error:
                last = _Failure(f"failed ({type(error).__name__}: {error}; {_tries(attempt + 1)})")
            else:
                last = reply
                if reply.status != 429 and reply.status < 500:
                    return reply
                asked = retry_after_seconds(reply.retry_after)
                if asked is not None and asked > self.max_retry_after:
                    return reply  # it will still refuse within any wait we are willing to make
                if not last_try and asked is not None and asked >= budget.left():
                    raise _OutOfTime  # waiting as asked would pass this URL's total time
                if not last_try and asked is not None:
                    # The whole host said "later", so every request to it waits, not only this one.
                    loop = asyncio.get_running_loop()
                    host.resume_at = max(host.resume_at, loop.time() + asked)
                    continue
            if not last_try:
                delay = self.backoff * 2**attempt
                await asyncio.sleep(budget.spend(delay / 2 + random.uniform(0, delay / 2)))
        return last

    async def once(self, url: str, host: _Host, budget: _Budget) -> _Reply:
        """HEAD, and GET when the host refuses HEAD; holds a host slot, then a global one."""
        async with host.slots:
            budget.start()
            loop = asyncio.get_running_loop()
            while (wait := host.resume_at - loop.time()) > 0:  # another 429 may move it on meanwhile
                await asyncio.sleep(budget.spend(wait))
            async with self.slots:
                try:
                    reply = await self.request("HEAD", url, budget)
                except httpx.RemoteProtocolError:
                    reply = None  # some servers drop HEAD on the floor
                if reply is not None and reply.status not in HEAD_REFUSED:
                    return reply
                return await self.request("GET", url, budget)

    async def request(self, method: str, url: str, budget: _Budget) -> _Reply:
        # httpx's timeout is per read; this bounds the whole request, however slowly bytes trickle.
        request = self.client.build_request(method, url)
        allowed = budget.spend(self.timeout)
        try:
            async with asyncio.timeout(allowed):
                response = await self.client.send(request, stream=True)
                await response.aclose()  # status and headers are all a check needs
        except TimeoutError as error:
            if allowed < self.timeout:
                raise _OutOfTime from error  # the URL's total ran out, not this request's own time
            raise httpx.TimeoutException("the whole request took too long", request=request) from error
        headers = response.headers
        return _Reply(
            response.status_code, response.reason_phrase, headers.get("location"), headers.get("retry-after")
        )


class _Cache:
    """URLs that answered well, with when; JSON on disk. Unreadable or corrupt: treated as empty."""

    def __init__(self, path: Path | None, ttl: float, entries: dict[str, float]) -> None:
        self.path = path
        self.ttl = ttl
        self.entries = entries
        self.now = time.time()

    @classmethod
    def load(cls, path: Path | None, ttl: float) -> "_Cache":
        entries: dict[str, float] = {}
        if path is not None:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
                ours = isinstance(data, dict) and data.get("version") == CACHE_VERSION
                urls = data.get("urls") if ours else None
                if isinstance(urls, dict):
                    entries = {
                        url: float(entry["checked"])
                        for url, entry in urls.items()
                        if isinstance(entry, dict) and isinstance(entry.get("checked"), (int, float))
                    }
            except (OSError, ValueError, TypeError, KeyError, OverflowError):
                entries = {}
        return cls(path, ttl, entries)

    def fresh(self, url: str) -> bool:
        checked = self.entries.get(url)
        return checked is not None and 0 <= self.now - checked < self.ttl

    def save(self, *, answered: Sequence[str], failed: Sequence[str]) -> None:
        if self.path is None:
            return
        now = time.time()
        kept = {url: checked for url, checked in self.entries.items() if self.fresh(url)}
        kept.update((url, now) for url in answered)
        for url in failed:
            kept.pop(url, None)
        data = {"version": CACHE_VERSION, "urls": {url: {"checked": kept[url]} for url in sorted(kept)}}
        path = Path(self.path)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so an interrupted run never leaves half a file behind.
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
            ) as out:
                temporary = out.name
                json.dump(data, out, indent=1)
            os.replace(temporary, path)
        except OSError:
            # A cache that can't be written only costs speed next time.
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
