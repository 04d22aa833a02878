"""The credential panel's table: the demo when it is in use, then every profile; the one in use marked.

The cursor stays on its profile when the list is filled again (after a reload, or a change of session), or
moves to the profile just saved.
"""

from __future__ import annotations

__all__ = ["ACTIVE_MARK", "DEMO_ROW", "ProfileTable", "profile_rows"]

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from explorer.core.profiles import Profile
from explorer.ui.text import plain

if TYPE_CHECKING:
    from explorer.model.session import Session

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


class ProfileTable(DataTable[str | Text]):
    """One row per profile (and the demo's, while it is in use), keyed by profile name."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        for label, key in (("Profile", "name"), ("Region", "region"), ("Host", "host"),
                           ("Credential", "credential"), ("Source", "source")):  # fmt: skip
            self.add_column(label, key=key)
        self._keys: list[str] = []
        """The row keys, in order: `DEMO_ROW` and profile names."""
        self.select_next: str | None = None
        """A profile to put the cursor on the next time the list is filled: the one just saved."""

    def fill(self, profiles: list[Profile], session: Session | None) -> None:
        """List `profiles` (and the demo, when `session` is it), marking the one `session` sends as."""
        kept = self.row_key
        self.clear()
        demo = session.regions if session is not None and session.demo else None
        rows = profile_rows(profiles, session.name if session else None, demo_regions=demo)
        self._keys = [key for key, _ in rows]
        for key, cells in rows:
            self.add_row(*cells, key=key)
        if self.select_next in self._keys:  # the profile just saved is listed now
            kept, self.select_next = self.select_next, None
        if kept in self._keys:
            self.move_cursor(row=self._keys.index(kept))

    @property
    def row_key(self) -> str | None:
        """The key of the row under the cursor (`DEMO_ROW` or a profile's name), or None with no rows."""
        row = self.cursor_row
        return self._keys[row] if 0 <= row < len(self._keys) else None
