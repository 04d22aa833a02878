"""The credential panel's blocking work: keyring reads and writes, verify and login, as plain callables.

Each job is built on the event loop (where the form's values are read and the secret is taken out of its
input) and returned as a closure to run in a thread worker: a worker's description shows the `repr` of its
arguments, so a secret must never be one. Nothing here imports Textual.
"""

from __future__ import annotations

__all__ = ["BookReading", "ClientSource", "import_job", "login_job", "read_book", "save_job", "verify_job"]

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.errors import CredentialError, ExplorerError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile, ProfileSource
from explorer.core.secret import Secret

if TYPE_CHECKING:
    from explorer.core.client import ExplorerClient
    from explorer.core.verify import VerifyOutcome

ClientSource = Callable[[], AbstractContextManager["ExplorerClient"]]
"""Lends a synchronous client on the app's network path for the length of a `with` block (the session's
`sync_client`). `verify_credential` and `login` are synchronous core functions (the command line uses them
too), and login saves to the keyring between its requests, so the whole of each runs in one thread worker
with a synchronous client."""


@dataclass(frozen=True, slots=True)
class BookReading:
    """What the panel lists: the profiles, the secret store, and every problem to explain."""

    profiles: list[Profile]
    """The profiles (none if the file could not be read)."""
    backend: str
    """The secret store, in words (`Secrets: ...`)."""
    unusable: ExplorerError | None
    """Why the store cannot keep secrets now, or None when it can."""
    problems: list[ExplorerError]
    """The profiles file's problems: unreadable, restored from its backup, a damaged copy set aside, a bad
    TWILIO_* environment."""


def read_book(book: ProfileBook) -> BookReading:
    """Read the profiles and check the secret store (this reads the file and opens the keyring: a thread)."""
    problems: list[ExplorerError] = []
    try:
        profiles = book.profiles()
    except ExplorerError as error:
        profiles = []
        problems.append(error)
    if book.recovery is not None:
        problems.append(book.recovery)
    if book.set_aside is not None:
        problems.append(book.set_aside)  # said every time until the damaged copy is restored or deleted
    if book.environment_problem is not None:
        problems.append(book.environment_problem)
    try:
        book.store.check_available()
        unusable: ExplorerError | None = None
    except ExplorerError as error:
        unusable = error
    return BookReading(profiles, f"Secrets: {book.store.description}", unusable, problems)


def save_job(
    book: ProfileBook, profile: Profile, secret: Secret, editing: Profile | None, session_only: bool
) -> Callable[[], str]:
    if editing is None and not secret:
        raise CredentialError("the secret is empty", hint="paste the API key secret or the Auth Token")

    def save() -> str:
        if editing is not None and editing.source is ProfileSource.SESSION:
            kept = secret or book.credential(editing.name).secret
            book.remove(editing.name)
            book.add_session(profile, kept)
            return f"Updated session profile {profile.describe()}."
        if editing is not None:
            kept = secret or book.credential(editing.name).secret
            book.add(profile, kept, replace_existing=True)
            return f"Updated {profile.describe()}; its secret is in the {book.store.description}."
        if session_only:
            added = book.add_session(profile, secret)
            return f"Added {added.describe()}: held in memory until the app exits."
        added = book.add(profile, secret)
        return f"Saved {added.describe()}; its secret is in the {book.store.description}."

    return save


def import_job(book: ProfileBook, name: str) -> Callable[[], str]:
    def run() -> str:
        saved = book.import_environment(name)
        return f"Imported the TWILIO_* environment profile as {saved.describe()}."

    return run


def login_job(
    book: ProfileBook, name: str, account: str, region: str, token: Secret, clients: ClientSource
) -> Callable[[], str]:
    if not token:
        raise CredentialError(
            "the Auth Token is empty", hint="paste the Region's Auth Token from the Console"
        )

    def run() -> str:
        from explorer.core.verify import login

        with clients() as client:
            outcome = login(client, book, name, account_sid=account, region=region, auth_token=token)
        return (
            f"Logged in: created API key {outcome.profile.api_key_sid} ({outcome.key_friendly_name!r}) in "
            f"{outcome.profile.region_label} and saved {outcome.profile.describe()}. The Auth Token was not kept."
        )

    return run


def verify_job(book: ProfileBook, name: str, clients: ClientSource) -> VerifyOutcome:
    """Load profile `name`'s secret and check it on its Region's host (blocking: run it in a thread)."""
    from explorer.core.verify import verify_credential

    credential = book.credential(name)
    with clients() as client:
        return verify_credential(client, credential)
