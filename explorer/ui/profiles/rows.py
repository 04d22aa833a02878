"""The rows of the credential panel's table: the demo when it is in use, then every profile; the one in use marked."""

from __future__ import annotations

__all__ = ["ACTIVE_MARK", "DEMO_ROW", "profile_rows"]

from rich.text import Text

from explorer.core.profiles import Profile
from explorer.ui.text import plain

DEMO_ROW = "demo"
"""The row key of the local simulator's demo credentials (not a stored profile)."""
ACTIVE_MARK = "● "
"""Put before the name of the profile requests are sent as now."""


def _credential_label(profile: Profile) -> str:
    return f"API key {profile.api_key_sid}" if profile.api_key_sid else "Auth Token"


def profile_rows(
    profiles: list[Profile], active: str | None, *, demo_regions: tuple[str, ...] | None
) -> list[tuple[str, tuple[Text, ...]]]:
    """(key, cells) for each row: the demo first when it is the session in use (`demo_regions` given), then
    the profiles; the one named `active` carries `ACTIVE_MARK`. Cells are `Text`, never markup: the
    profiles file is foreign text like any other."""

    def name(text: str) -> Text:
        return plain(ACTIVE_MARK + text if text == active else text)

    rows: list[tuple[str, tuple[Text, ...]]] = []
    if demo_regions is not None:
        regions = " ".join(region.upper() for region in demo_regions)
        cells = (
            name(DEMO_ROW),
            plain(regions),
            plain("local simulator"),
            plain("demo keys"),
            plain("simulator"),
        )
        rows.append((DEMO_ROW, cells))
    for profile in profiles:
        cells = (
            name(profile.name),
            plain(profile.region_label),
            plain(profile.api_host),
            plain(_credential_label(profile)),
            plain(str(profile.source)),
        )
        rows.append((profile.name, cells))
    return rows
