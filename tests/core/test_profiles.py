"""Profiles as values, the environment profile, and the profiles file on disk."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from explorer.core.config_file import ProfilesFile, config_dir
from explorer.core.env_profile import environment_credential
from explorer.core.errors import ConfigFileError, CredentialError, InputError, SidError, UnknownNameError
from explorer.core.profiles import (
    Credential,
    CredentialKind,
    Profile,
    ProfileSource,
    validate_account_sid,
    validate_api_key_sid,
)

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "Zq8xSecretValue0123456789abcdefX"


def au1(name: str = "au1-demo") -> Profile:
    return Profile.create(name, ACCOUNT, "au1", api_key_sid=KEY)


# -- values -------------------------------------------------------------------------------------------


def test_profile_fills_the_regions_rest_edge() -> None:
    """An AU1 profile without --edge talks to api.sydney.au1.twilio.com."""
    profile = au1()
    assert (profile.edge, profile.api_host, profile.kind) == (
        "sydney",
        "api.sydney.au1.twilio.com",
        "api-key",
    )


def test_us1_profile_uses_the_plain_host() -> None:
    """A US1 profile talks to api.twilio.com with the Account SID as user name for an Auth Token."""
    profile = Profile.create("main", ACCOUNT, "US1")
    assert (profile.region, profile.edge, profile.api_host) == ("us1", None, "api.twilio.com")
    assert (profile.kind, profile.username) == (CredentialKind.AUTH_TOKEN, ACCOUNT)


def test_explicit_edge_is_kept() -> None:
    """--edge ashburn on a US1 profile gives api.ashburn.us1.twilio.com."""
    assert Profile.create("x", ACCOUNT, "us1", edge="ashburn").api_host == "api.ashburn.us1.twilio.com"


@pytest.mark.parametrize("value", ["AC123", "AC" + "g" * 32, KEY, "", "ac" + "0" * 32, ACCOUNT + "0"])
def test_malformed_account_sid_is_refused(value: str) -> None:
    """A malformed Account SID is refused with the expected shape."""
    with pytest.raises(SidError) as caught:
        validate_account_sid(value)
    assert caught.value.hint == "an Account SID is AC followed by 32 hexadecimal digits (34 characters)"


def test_sid_error_shows_only_four_characters() -> None:
    """A secret pasted into the SID field by mistake is not echoed back."""
    with pytest.raises(SidError) as caught:
        validate_api_key_sid(SECRET)
    assert str(caught.value) == (
        "the API key SID 'Zq8x…' is not an API key SID (32 characters) "
        "(an API key SID is SK followed by 32 hexadecimal digits (34 characters))"
    )
    assert SECRET not in str(caught.value)


def test_unknown_region_is_refused() -> None:
    """A Region that is not a Processing Region is named and the known ones listed."""
    with pytest.raises(UnknownNameError) as caught:
        Profile.create("x", ACCOUNT, "de1")
    assert str(caught.value) == "'de1' is not a Processing Region (use one of us1, ie1, au1, jp1)"


@pytest.mark.parametrize("name", ["", "-x", "a b", "x/y", "a" * 65, "env\n"])
def test_bad_profile_names_are_refused(name: str) -> None:
    """Profile names are plain words."""
    with pytest.raises(InputError):
        Profile.create(name, ACCOUNT, "us1")


def test_secret_never_in_repr_or_str() -> None:
    """Printing a credential shows the profile, never the secret."""
    credential = Credential(au1(), SECRET)
    assert SECRET not in repr(credential)
    assert SECRET not in str(credential)
    assert str(credential) == f"credential of au1-demo (AU1, API key {KEY}, from keyring)"


def test_secret_with_spaces_is_refused_without_echo() -> None:
    """A secret pasted with a trailing space is refused, and the message does not contain it."""
    with pytest.raises(InputError) as caught:
        Credential(au1(), SECRET + " ")
    assert SECRET not in str(caught.value)


# -- environment --------------------------------------------------------------------------------------


def test_no_environment_profile_without_account_sid() -> None:
    """With no TWILIO_ACCOUNT_SID there is no environment profile."""
    assert environment_credential({"TWILIO_AUTH_TOKEN": SECRET}) is None


def test_environment_api_key_wins_over_token() -> None:
    """Like twilio-cli: TWILIO_API_KEY + TWILIO_API_SECRET are used before TWILIO_AUTH_TOKEN."""
    env = {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_API_KEY": KEY,
        "TWILIO_API_SECRET": SECRET,
        "TWILIO_AUTH_TOKEN": "t" * 32,
        "TWILIO_REGION": "au1",
    }
    credential = environment_credential(env)
    assert credential is not None
    assert (credential.profile.name, credential.profile.source) == ("env", ProfileSource.ENVIRONMENT)
    assert (credential.username, credential.secret, credential.profile.api_host) == (
        KEY,
        SECRET,
        "api.sydney.au1.twilio.com",
    )


def test_environment_token_and_edge() -> None:
    """TWILIO_AUTH_TOKEN with TWILIO_REGION=ie1 and TWILIO_EDGE=dublin gives an IE1 token profile."""
    env = {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": SECRET,
        "TWILIO_REGION": "ie1",
        "TWILIO_EDGE": "dublin",
    }
    credential = environment_credential(env)
    assert credential is not None
    assert (credential.username, credential.profile.kind, credential.profile.api_host) == (
        ACCOUNT,
        CredentialKind.AUTH_TOKEN,
        "api.dublin.ie1.twilio.com",
    )


def test_environment_without_region_is_us1() -> None:
    """No TWILIO_REGION means US1, as in the helper libraries."""
    credential = environment_credential({"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": SECRET})
    assert credential is not None and credential.profile.api_host == "api.twilio.com"


def test_incomplete_environment_names_the_missing_variable() -> None:
    """A key without its secret is an error naming TWILIO_API_SECRET, without any value in it."""
    with pytest.raises(CredentialError) as caught:
        environment_credential({"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_API_KEY": KEY})
    assert caught.value.message == "TWILIO_API_KEY is set but TWILIO_API_SECRET is not"


def test_malformed_environment_sid_is_explained() -> None:
    """A malformed TWILIO_ACCOUNT_SID names the variables and the expected shape."""
    with pytest.raises(CredentialError) as caught:
        environment_credential({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": SECRET})
    assert caught.value.message == (
        "the TWILIO_* environment variables do not make a profile: "
        "the Account SID 'AC1' is not an Account SID (3 characters)"
    )
    assert SECRET not in str(caught.value)


# -- the profiles file ----------------------------------------------------------------------------------


def fixed_clock() -> datetime:
    return datetime(2026, 5, 1, 12, 30, 0, tzinfo=UTC)


@pytest.fixture
def profiles_file(tmp_path: Path) -> ProfilesFile:
    return ProfilesFile(tmp_path / "config" / "profiles.toml", clock=fixed_clock)


def test_config_dir_override(tmp_path: Path) -> None:
    """TWILIO_EXPLORER_CONFIG_DIR moves the profiles file."""
    assert config_dir({"TWILIO_EXPLORER_CONFIG_DIR": str(tmp_path)}) == tmp_path


def test_round_trip(profiles_file: ProfilesFile) -> None:
    """Saved profiles come back exactly."""
    profiles = {"au1-demo": au1(), "main": Profile.create("main", ACCOUNT, "us1")}
    profiles_file.save(profiles)
    assert profiles_file.load() == profiles


def test_file_mode_and_no_secret(profiles_file: ProfilesFile) -> None:
    """profiles.toml and its backup are mode 0600 in a 0700 directory and hold no secret."""
    profiles_file.save({"au1-demo": au1()})
    for path in (profiles_file.path, profiles_file.backup_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(profiles_file.path.parent.stat().st_mode) == 0o700
    document = tomllib.loads(profiles_file.path.read_text())
    assert document == {
        "format": 1,
        "profiles": {
            "au1-demo": {
                "account_sid": ACCOUNT,
                "api_key_sid": KEY,
                "credential": "api-key",
                "edge": "sydney",
                "region": "au1",
            }
        },
    }
    assert sorted(p.name for p in profiles_file.path.parent.iterdir()) == [
        "profiles.toml",
        "profiles.toml.bak",
    ]


def test_session_profiles_are_never_saved(profiles_file: ProfilesFile) -> None:
    """Only keyring profiles can be written to the file."""
    session = Profile.create("s", ACCOUNT, "us1", source=ProfileSource.SESSION)
    with pytest.raises(ValueError, match="only keyring profiles"):
        profiles_file.save({"s": session})


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (b'format = 1\n[profiles.au1-demo]\naccount_sid = "AC', "not valid TOML: "),
        (b"", "the file is empty"),
        (b"\xff\xfe", "the file is not UTF-8 text"),
        (
            b'format = 1\n[profiles.x]\naccount_sid = "AC1"\nregion = "us1"\ncredential = "auth-token"\n',
            "profile 'x'",
        ),
    ],
)
def test_damaged_file_is_set_aside_and_restored(
    profiles_file: ProfilesFile, damage: bytes, reason: str
) -> None:
    """A damaged profiles.toml is kept aside, the profiles come back from the last good copy, nothing is lost."""
    good = {"au1-demo": au1(), "main": Profile.create("main", ACCOUNT, "us1")}
    profiles_file.save(good)
    profiles_file.path.write_bytes(damage)
    with pytest.raises(ConfigFileError) as caught:
        profiles_file.load()
    kept = profiles_file.path.with_name("profiles.toml.corrupt-20260501T123000Z")
    assert kept.read_bytes() == damage
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    message = caught.value.message
    assert message.startswith(f"the profiles file {profiles_file.path} was damaged (")
    assert reason in message
    assert message.endswith(
        "it was kept aside as profiles.toml.corrupt-20260501T123000Z and 2 profile(s) were restored from "
        "profiles.toml.bak: au1-demo, main"
    )
    assert caught.value.title == "Profiles file restored"
    # The second read finds the restored file.
    assert profiles_file.load() == good
    assert stat.S_IMODE(profiles_file.path.stat().st_mode) == 0o600


def test_damaged_file_without_backup(profiles_file: ProfilesFile) -> None:
    """With no good copy the damaged file is still kept, and the error says the secrets are in the keyring."""
    profiles_file.path.parent.mkdir(parents=True)
    profiles_file.path.write_text("[[[")
    with pytest.raises(ConfigFileError) as caught:
        profiles_file.load()
    assert (
        "there is no good copy to restore; it was kept aside as profiles.toml.corrupt-20260501T123000Z"
        in str(caught.value)
    )
    assert "the secrets are still in the OS keyring" in caught.value.hint
    assert not profiles_file.path.exists()
    assert profiles_file.load() == {}


def test_second_corruption_in_the_same_second_keeps_both(profiles_file: ProfilesFile) -> None:
    """Two damaged files set aside at the same moment do not overwrite each other."""
    profiles_file.save({"au1-demo": au1()})
    for attempt in (b"[[1", b"[[2"):
        profiles_file.path.write_bytes(attempt)
        with pytest.raises(ConfigFileError):
            profiles_file.load()
    names = sorted(p.name for p in profiles_file.path.parent.glob("*.corrupt-*"))
    assert names == ["profiles.toml.corrupt-20260501T123000Z", "profiles.toml.corrupt-20260501T123000Z-2"]


def test_interrupted_write_leaves_the_old_file(
    profiles_file: ProfilesFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails half way leaves the previous file intact and no temporary file behind."""
    profiles_file.save({"au1-demo": au1()})
    before = profiles_file.path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ConfigFileError) as caught:
        profiles_file.save({"other": au1("other")})
    assert caught.value.message == f"cannot write {profiles_file.path}: No space left on device"
    monkeypatch.undo()
    assert profiles_file.path.read_bytes() == before
    assert sorted(p.name for p in profiles_file.path.parent.iterdir()) == [
        "profiles.toml",
        "profiles.toml.bak",
    ]
