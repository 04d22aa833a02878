"""Each library's own words: how its region and edge are set in code, and the fix written in them."""

from __future__ import annotations

__all__ = ["Terms", "fix_text", "terms_for"]

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Terms:
    """How one library's region and edge are set, as a person would write it."""

    region: str
    """Where the region is set in code: `Client(region=…)`."""
    edge: str
    """Where the edge is set in code: `Client(edge=…)`."""
    both: str
    """A template setting both, with `{region}` and `{edge}`."""
    unset: str
    """How to leave both unset (processed in US1)."""
    env_works: bool
    """True when exporting TWILIO_REGION and TWILIO_EDGE is also a fix."""


_TERMS: dict[str, Terms] = {
    "python": Terms(
        "Client(region=…)", "Client(edge=…)", 'Client(sid, token, region="{region}", edge="{edge}")',
        "Client(sid, token) with neither region nor edge (and TWILIO_REGION/TWILIO_EDGE unset)", True,
    ),
    "node": Terms(
        "twilio(sid, token, { region })", "twilio(sid, token, { edge })",
        'twilio(sid, token, {{ region: "{region}", edge: "{edge}" }})',
        "twilio(sid, token) with neither region nor edge (and TWILIO_REGION/TWILIO_EDGE unset)", True,
    ),
    "csharp": Terms(
        "TwilioClient.SetRegion / region:", "TwilioClient.SetEdge / edge:",
        'TwilioClient.SetRegion("{region}"); TwilioClient.SetEdge("{edge}");',
        "no SetRegion/SetEdge (null, not an empty string)", False,
    ),
    "java": Terms(
        "Twilio.setRegion / Builder.region()", "Twilio.setEdge / Builder.edge()",
        'Twilio.setRegion("{region}"); Twilio.setEdge("{edge}"); '
        '(or new TwilioRestClient.Builder(…).region("{region}").edge("{edge}"))',
        "no setRegion/setEdge (and TWILIO_REGION/TWILIO_EDGE unset for Twilio.init)", True,
    ),
    "ruby": Terms(
        "Twilio.configure { |c| c.region }", "Twilio.configure { |c| c.edge } / client.edge=",
        'Twilio.configure {{ |c| c.region = "{region}"; c.edge = "{edge}" }}',
        "no region or edge in Twilio.configure", False,
    ),
    "php": Terms(
        "new Client(…, $region)", "$client->setEdge()",
        '$client = new Client($sid, $token, null, "{region}"); $client->setEdge("{edge}");',
        "no region and no setEdge() (and TWILIO_REGION/TWILIO_EDGE unset)", True,
    ),
    "go": Terms(
        "client.SetRegion()", "client.SetEdge()", 'client.SetRegion("{region}"); client.SetEdge("{edge}")',
        "no SetRegion/SetEdge (and TWILIO_REGION/TWILIO_EDGE unset)", True,
    ),
    "twilio-cli": Terms(
        "the profile's region (profiles:create --region)",
        "the profile's edge (profiles:create --edge, config:set --edge)",
        "twilio profiles:create --region {region} --edge {edge} (or twilio config:set --edge {edge})",
        "a profile without region or edge (and TWILIO_EDGE unset)", False,
    ),
}  # fmt: skip


def terms_for(library: str) -> Terms:
    """The words of `library` (a `LIBRARIES` name)."""
    return _TERMS[library]


def fix_text(library: str, fqdn: str, region: str | None, edge: str | None) -> str:
    """The fix that makes `library` build `fqdn`, in its own terms."""
    terms = _TERMS[library]
    if region is None or edge is None:
        return f"{terms.unset} (builds {fqdn})"
    text = terms.both.format(region=region, edge=edge)
    if terms.env_works and library != "java":
        text += f" or export TWILIO_REGION={region} TWILIO_EDGE={edge}"
    elif library == "java":
        text += f"; with Twilio.init, exporting TWILIO_REGION={region} TWILIO_EDGE={edge} also works"
    elif library == "twilio-cli":
        text += f"; TWILIO_EDGE={edge} also works, TWILIO_REGION only with exported credentials"
    return f"{text} (builds {fqdn})"
