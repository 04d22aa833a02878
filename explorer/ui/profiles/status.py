"""What the credential panel says: the secret store's line and the status line after reading the profiles.

Words only: the panel puts them on screen. Every failure is explained with its hint (`ui/errors.error_text`),
as plain text, never markup.
"""

from __future__ import annotations

__all__ = [
    "ENVIRONMENT_NOT_EDITED",
    "ENVIRONMENT_NOT_REMOVED",
    "backend_line",
    "explain",
    "form_title",
    "problems_text",
    "reading_status",
    "verified_status",
]

from collections.abc import Iterable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.ui.errors import error_text

if TYPE_CHECKING:
    from explorer.core.profiles import Profile
    from explorer.core.verify import VerifyOutcome
    from explorer.ui.profiles.jobs import BookReading


def explain(error: ExplorerError) -> str:
    """The error and its hint, as the status line shows them."""
    return error_text(error).plain


def problems_text(problems: Iterable[ExplorerError]) -> str:
    """Each problem explained, one to a line."""
    return "\n".join(explain(problem) for problem in problems)


def backend_line(reading: BookReading) -> str:
    """The secret store and whether it can store secrets now."""
    if reading.unusable is None:
        return reading.backend + " · usable"
    return (
        f"{reading.backend} · cannot store secrets now. Session profiles and the TWILIO_* "
        "environment still work."
    )


def reading_status(reading: BookReading) -> tuple[str, str | None]:
    """The status line (and its state class) once the profiles are read: problems first, else what keys do."""
    profiles, unusable, problems = reading.profiles, reading.unusable, reading.problems
    if problems:
        return problems_text(problems), "-warning"
    if unusable is not None:
        return explain(unusable), "-warning"
    if not profiles:
        return "No profiles yet. Press a to add one, l to log in with an Auth Token.", None
    count = len(profiles)
    return (
        f"{count} profile{'s' if count != 1 else ''}. Enter uses one; a adds, e edits, v verifies, "
        "l logs in, i imports the environment, d removes."
    ), None


def verified_status(outcome: VerifyOutcome) -> tuple[str, str]:
    """A verification's result, ✓ or ✗ first, with its explanation (and the state class)."""
    text = outcome.summary + (f"\n{outcome.explanation}" if outcome.explanation else "")
    return ("✓ " if outcome.ok else "✗ ") + text, "-ok" if outcome.ok else "-error"


ENVIRONMENT_NOT_EDITED = (
    "The environment profile comes from the TWILIO_* variables: change them, or press m to import "
    "it as a saved profile and edit that."
)
"""Why `e` does not open the form on the environment's row."""
ENVIRONMENT_NOT_REMOVED = "The environment profile cannot be removed here: unset the TWILIO_* variables."
"""Why `d` does not remove the environment's row."""


def form_title(mode: str, profile: Profile | None = None) -> str:
    """The form's heading for `mode` (`add`, `edit` with the profile edited, `login`, `import`)."""
    if mode == "edit" and profile is not None:
        return f"Edit {profile.name} ({profile.source}); the secret is never shown"
    return {
        "add": "Add a profile: the secret goes to the keyring, or stays in memory for this session",
        "login": "Log in: the Auth Token creates an API key in its Region; only the key is saved",
        "import": "Import the TWILIO_* environment profile into the keyring under this name",
    }[mode]
