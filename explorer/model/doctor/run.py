"""`doctor`: check a configuration end to end, one step at a time, each with a verdict and a fix.

    for step in run_doctor(checkup):
        print(step.verdict, step.title, step.detail, step.fix)

The steps, in order (`STEPS`): where the settings came from and the host they build; what each helper library
would build; the host's DNS (the proxy's business when one is set: doctor asks it for a CONNECT tunnel); TLS
(the certificate's names cover the host, checked against the CA bundle in use); the credential (a cheap
authenticated GET of the Account resource on the same Region's `api` host); the product's availability in
that Region; the clock (the response's `Date` header against the local clock).

Nothing is ever sent to a host outside the credential's Region: the credential step asks `core.scoping` first
and, when it refuses, reports the refusal as the step's verdict instead of sending. The DNS and TLS probes
carry no request and no credential (a name lookup, a CONNECT, a handshake closed once the certificate is read).

`run_doctor` is a generator: a caller shows each step as it finishes, and stopping (Ctrl-C, a cancelled
worker) between or during steps leaves nothing behind; the client and any tunnel are closed on the way out.
The same steps serve the command line, the app (`:doctor`) and a notebook.
"""

from __future__ import annotations

__all__ = ["CLOCK_TOLERANCE_SECONDS", "Checkup", "run_doctor"]

import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from explorer.core.availability import product_claim
from explorer.core.errors import ExplorerError, RegionScopeError
from explorer.core.hosts import plan_host
from explorer.core.libraries import LibraryHost
from explorer.core.profiles import Credential, Profile
from explorer.core.refusals import AUTHENTICATION_FAILED
from explorer.core.regions import REGIONS, region_for_rest_edge
from explorer.core.scoping import check_scope
from explorer.core.verdict import VerdictKind, classify_host
from explorer.model.doctor.network import Probe, dns_step, tls_step
from explorer.model.doctor.settings import DoctorSettings, library_rows
from explorer.model.doctor.step import Step, StepVerdict

if TYPE_CHECKING:
    from explorer.core.client import Exchange, ExplorerClient

CLOCK_TOLERANCE_SECONDS = 60
"""More skew than this fails the clock step: tokens minted here would start or expire a minute off."""


@dataclass(frozen=True, slots=True)
class Checkup:
    """Everything one doctor run needs, passed in: settings, credential, profiles, the connection seam."""

    settings: DoctorSettings
    """The product, region and edge, with their origins."""
    credential: Credential | None = field(default=None, repr=False)
    """The credential to check (None: the credential step is skipped and says how to give one)."""
    profiles: Sequence[Profile] = ()
    """Every stored profile, to name one that would work instead (no secret is read for listing)."""
    load_credential: Callable[[str], Credential] | None = field(default=None, repr=False)
    """Loads another profile's credential to try it on its own Region's host (keyring); None: do not try."""
    proxy: str | None = None
    """The proxy to go through; None: the environment's (HTTPS_PROXY...), as the client does."""
    verify: str | bool = True
    """A CA bundle path, or True for the environment's / certifi's (`core.connection.resolve_trust`)."""
    environ: Any = None
    """The environment (a mapping; None: `os.environ`)."""
    transport: Any = None
    """An httpx transport for the credential's GET (tests); None: the network, through the proxy."""
    now: Callable[[], float] = time.time
    """The local clock."""
    probe: Probe = field(default_factory=Probe)
    """The DNS/CONNECT/TLS probes (a seam for unit tests)."""
    timeout: float = 10.0
    """Seconds allowed for each network step."""


@dataclass(slots=True)
class _Run:
    """What later steps need from earlier ones."""

    reached: bool = False
    """True when a connection to the host got as far as a trusted certificate that covers it."""
    exchange: Exchange | None = None
    received_at: float = 0.0


def run_doctor(checkup: Checkup) -> Generator[Step, None, None]:
    """Run every step in `STEPS` order, yielding each as it finishes.

    Raises:
        LabelError: a setting is not a DNS label (checked by `resolve_settings` already, so normally never).
    """
    from explorer.core.client import ExplorerClient

    settings = checkup.settings
    fqdn = settings.plan.fqdn
    run = _Run()
    yield _settings_step(settings)
    yield _libraries_step(settings)
    dns = dns_step(checkup.probe, checkup.proxy, checkup.environ, fqdn, checkup.timeout)
    try:
        yield dns.step
        tls = tls_step(checkup.probe, checkup.verify, checkup.environ, fqdn, dns, checkup.timeout)
    finally:
        dns.close()  # a caller that stops after the DNS row must not leave the tunnel open
    run.reached = tls.verdict is StepVerdict.PASS
    yield tls
    client: ExplorerClient | None = None
    try:
        if checkup.credential is not None:
            client = ExplorerClient(
                transport=checkup.transport,
                proxy=checkup.proxy,
                verify=checkup.verify,
                timeout=checkup.timeout,
            )
        yield _credential_step(checkup, client, fqdn, run)
    except ExplorerError as error:
        yield Step("credential", StepVerdict.FAIL, error.message, error.hint)
    finally:
        if client is not None:
            client.close()
    yield _product_step(settings)
    yield _clock_step(checkup, run)


def _settings_step(settings: DoctorSettings) -> Step:
    fqdn = settings.plan.fqdn
    verdict = classify_host(fqdn)
    detail = f"{settings.describe()} → {fqdn}: {verdict.summary}, {verdict.explanation}"
    if verdict.kind in (VerdictKind.VALID, VerdictKind.US1):
        return Step("settings", StepVerdict.PASS, detail, source=str(verdict.source))
    kind = StepVerdict.WARN if verdict.kind.works else StepVerdict.FAIL
    return Step("settings", kind, detail, verdict.fix.text, str(verdict.source))


def _libraries_step(settings: DoctorSettings) -> Step:
    rows = library_rows(settings)
    # A library is right when it builds a working host in the Region the settings aim at: twilio-csharp
    # ignoring TWILIO_REGION=au1 builds api.twilio.com, which works, but in US1, where an AU1 key fails.
    edge = settings.edge.value
    intended = settings.region.value or (region_for_rest_edge(edge) if edge else None) or "us1"

    def right(row: LibraryHost) -> bool:
        return row.ok and row.verdict is not None and row.verdict.processing_region == intended

    by_host: dict[str, list[str]] = {}
    for row in rows:
        built = row.fqdn or f"raises {row.built.error}"
        if right(row):
            label = row.library.name
        elif row.verdict is not None and row.verdict.processing_region not in (None, intended):
            # Works, but in another Region: the key of the intended Region fails there.
            label = f"{row.library.name} ({row.verdict.processing_region.upper()}, not {intended.upper()})"
        else:
            label = f"{row.library.name} ({row.summary})"
        by_host.setdefault(built, []).append(label)
    built = "; ".join(f"{', '.join(names)} → {host}" for host, names in by_host.items())
    wrong = [row for row in rows if not right(row)]
    if not wrong:
        return Step(
            "libraries", StepVerdict.PASS, f"every library builds a working {intended.upper()} host: {built}"
        )
    # One line per library, in its own terms; the renderer keeps the line breaks.
    fixes = "\n".join(f"{row.library.name}: {row.fix}" for row in wrong if row.fix)
    kind = StepVerdict.FAIL if len(wrong) == len(rows) else StepVerdict.WARN
    return Step("libraries", kind, built, fixes)


def _other_profiles(checkup: Checkup, region: str, exclude: str | None) -> list[Profile]:
    return [p for p in checkup.profiles if p.region == region and p.name != exclude]


def _working_profile(checkup: Checkup, client: ExplorerClient, region: str, host: str, exclude: str) -> str:
    """A sentence naming a stored profile of `region` that works on `host` (tried now), or saying none does."""
    from explorer.core.verify import verify_credential

    candidates = _other_profiles(checkup, region, exclude)
    if checkup.load_credential is None or not candidates:
        names = ", ".join(repr(p.name) for p in candidates)
        return (
            f"stored profiles of {region.upper()}: {names}"
            if names
            else f"no stored profile is of {region.upper()}"
        )
    for profile in candidates[:3]:
        try:
            outcome = verify_credential(client, checkup.load_credential(profile.name), host=host)
        except ExplorerError:
            continue
        if outcome.ok:
            return (
                f"profile {profile.name!r} works on {host} (checked just now): use --profile {profile.name}"
            )
    return f"no stored profile of {region.upper()} works on {host}"


def _credential_step(checkup: Checkup, client: ExplorerClient | None, fqdn: str, run: _Run) -> Step:
    from explorer.core.verify import verify_credential

    credential = checkup.credential
    if credential is None or client is None:
        return Step(
            "credential",
            StepVerdict.SKIP,
            "no profile given, and no TWILIO_ACCOUNT_SID credential in the environment",
            "pass --profile NAME to check a stored credential against this host's Region",
        )
    profile = credential.profile
    host_region = classify_host(fqdn).processing_region
    try:
        # The target host first: a credential is never sent (or shown) outside its Region.
        check_scope(profile, f"https://{fqdn}/")
    except RegionScopeError as refusal:
        others = ""
        if host_region is not None:
            names = [p.name for p in _other_profiles(checkup, host_region, profile.name)]
            if names:
                others = f"; profiles of {host_region.upper()}: " + ", ".join(repr(n) for n in names)
        return Step("credential", StepVerdict.FAIL, refusal.message, refusal.hint + others)
    settings = checkup.settings
    api_host = plan_host("api", settings.region.value, settings.edge.value).fqdn
    if api_host == fqdn and not run.reached:
        return Step(
            "credential", StepVerdict.SKIP, f"not sent: {fqdn} could not be reached (see DNS and TLS)"
        )
    outcome = verify_credential(client, credential, host=api_host)
    run.exchange, run.received_at = outcome.exchange, checkup.now()
    region = profile.region
    if outcome.ok:
        return Step("credential", StepVerdict.PASS, outcome.summary)
    if outcome.service_failed:
        return Step("credential", StepVerdict.FAIL, outcome.summary, outcome.explanation)
    code, _ = outcome.exchange.twilio_error
    if outcome.exchange.status_code == 401 or code == AUTHENTICATION_FAILED:
        instead = _working_profile(checkup, client, region, api_host, profile.name)
        return Step(
            "credential",
            StepVerdict.FAIL,
            f"{outcome.summary}: this key belongs to another Region (or was revoked), not {region.upper()}",
            f"{instead}. {outcome.explanation}",
        )
    return Step("credential", StepVerdict.FAIL, outcome.summary, outcome.explanation)


def _product_step(settings: DoctorSettings) -> Step:
    product = settings.product.value or "api"
    region = (settings.region.value or "us1").lower()
    if region not in REGIONS:
        return Step(
            "product",
            StepVerdict.FAIL,
            f"{region!r} is not a Processing Region",
            "use one of " + ", ".join(REGIONS),
        )
    claim = product_claim(product, region)
    note = f" ({claim.note})" if claim.note else ""
    detail = f"{product} is {claim.availability} in {region.upper()}{note}"
    if claim.availability.offered:
        return Step("product", StepVerdict.PASS, detail, source=str(claim.source))
    return Step(
        "product",
        StepVerdict.FAIL,
        detail,
        f"use {product}.twilio.com (US1), or keep {region.upper()} data in products offered there",
        str(claim.source),
    )


def _clock_step(checkup: Checkup, run: _Run) -> Step:
    exchange = run.exchange
    if exchange is None:
        return Step("clock", StepVerdict.SKIP, "no response from Twilio to read a Date header from")
    date = next((value for name, value in exchange.response_headers if name.lower() == "date"), None)
    host = exchange.url.split("/")[2] if exchange.url.count("/") >= 2 else exchange.url
    if date is None:
        return Step("clock", StepVerdict.WARN, f"{host} sent no Date header to compare the clock with")
    try:
        server = parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return Step("clock", StepVerdict.WARN, f"{host}'s Date header {date!r} is not a date")
    skew = round(server - run.received_at)
    if abs(skew) <= CLOCK_TOLERANCE_SECONDS:
        return Step(
            "clock", StepVerdict.PASS, f"the local clock is within {abs(skew)} s of {host}'s Date ({date})"
        )
    direction = "behind" if skew > 0 else "ahead of"
    return Step(
        "clock",
        StepVerdict.FAIL,
        f"the local clock is {abs(skew)} s {direction} {host}'s Date ({date})",
        "sync the clock (timedatectl set-ntp true, or chronyc makestep): Access Tokens minted here carry "
        "iat and exp from it, so they would start or expire early",
    )
