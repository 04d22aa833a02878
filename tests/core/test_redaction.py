"""Secret-looking values are never echoed back: what counts as one, how it is hidden, and that SIDs stay."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import InMemoryStore
from explorer.core.errors import ExplorerError, InputError, ProfileNotFoundError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile
from explorer.core.redaction import looks_like_secret, redact_secretish

AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
KEY_SECRET = "Zq8xSecretValue0123456789abcdefX"
ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2


@pytest.mark.parametrize(
    "text",
    [
        AUTH_TOKEN,
        KEY_SECRET,
        AUTH_TOKEN.upper(),
        "x" * 32,
        f"profile {AUTH_TOKEN}",
        f"--secret={KEY_SECRET}",
        f"'{KEY_SECRET}'",
        ACCOUNT + "0",  # 35 characters: not a SID
    ],
)
def test_secret_shaped_runs_look_like_secrets(text: str) -> None:
    """An Auth Token, an API key secret or any 32+ run of letters and digits counts as secret-like."""
    assert looks_like_secret(text)


@pytest.mark.parametrize(
    "text",
    [
        ACCOUNT,
        KEY,
        "PN" + "0" * 32,
        f"/2010-04-01/Accounts/{ACCOUNT}/Calls/CA{'a' * 32}.json",
        AUTH_TOKEN[:31],
        "au1-prod",
        "api.sydney.au1.twilio.com",
        "",
    ],
)
def test_sids_and_short_values_are_not_secrets(text: str) -> None:
    """SIDs (two capitals + 32 hex digits), names and hosts are shown as they are."""
    assert not looks_like_secret(text)
    assert redact_secretish(text) == text


def test_redaction_replaces_each_run_and_keeps_sids() -> None:
    """Each secret-like run becomes `<hidden: N characters>`; the text around it and SIDs stay."""
    text = f"profiles add {AUTH_TOKEN} --account-sid {ACCOUNT} --api-key {KEY} --secret {KEY_SECRET}x"
    assert redact_secretish(text) == (
        f"profiles add <hidden: 32 characters> --account-sid {ACCOUNT} --api-key {KEY} "
        "--secret <hidden: 33 characters>"
    )


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(string.ascii_letters + string.digits + " -_:/'[]"), max_size=120),
)
def test_redacted_text_never_looks_like_a_secret(text: str) -> None:
    """Whatever goes in, nothing secret-like comes out, and text without a secret comes out unchanged."""
    redacted = redact_secretish(text)
    assert not looks_like_secret(redacted)
    assert (redacted == text) is (not looks_like_secret(text))


def test_errors_never_carry_a_secret_like_value() -> None:
    """An error built around a pasted secret shows neither the secret in its message, hint nor title."""
    error = InputError(f"no such thing {AUTH_TOKEN!r}", hint=f"try: add {AUTH_TOKEN}", title=KEY_SECRET)
    assert AUTH_TOKEN not in f"{error} {error.title} {error.args}"
    assert KEY_SECRET not in error.title
    assert error.message == "no such thing '<hidden: 32 characters>'"
    assert error.hint == "try: add <hidden: 32 characters>"
    assert str(ExplorerError(f"sid {ACCOUNT}")) == f"sid {ACCOUNT}"


@pytest.fixture
def book(tmp_path: Path) -> ProfileBook:
    return ProfileBook(ProfilesFile(tmp_path / "profiles.toml"), InMemoryStore(), environ={})


def test_looking_up_a_secret_as_a_profile_name_does_not_repeat_it(book: ProfileBook) -> None:
    """`:profile <the Auth Token>`: the error says it looks like a secret and suggests no `profiles add` with it."""
    with pytest.raises(ProfileNotFoundError) as caught:
        book.get(AUTH_TOKEN)
    shown = f"{caught.value.message} {caught.value.hint}"
    assert AUTH_TOKEN not in shown
    assert "looks like a secret" in caught.value.message
    assert "profiles add" not in caught.value.hint


def test_a_secret_is_never_saved_as_a_profile_name(book: ProfileBook, tmp_path: Path) -> None:
    """`profiles add <the secret> ...` (arguments swapped) is refused before anything is written."""
    with pytest.raises(InputError) as caught:
        book.add(Profile.create(KEY_SECRET, ACCOUNT, "au1", api_key_sid=KEY), KEY_SECRET)
    assert KEY_SECRET not in f"{caught.value.message} {caught.value.hint}"
    assert not (tmp_path / "profiles.toml").exists()
    with pytest.raises(InputError):
        book.add_session(Profile.create(AUTH_TOKEN, ACCOUNT, "us1"), AUTH_TOKEN)
    assert book.profiles() == []
