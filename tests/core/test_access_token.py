"""Access Tokens: minted with the profile's Region in `twr`, decoded without the signature, checked against profiles."""

from __future__ import annotations

from datetime import UTC, datetime

import jwt
import pytest

from explorer.core.access_token import decode_token, mint_token
from explorer.core.errors import InputError
from explorer.core.profiles import Credential, Profile
from explorer.core.secret import Secret
from explorer.core.token_check import check_token

ACCOUNT = "AC" + "0123456789abcdef" * 2
AU1_KEY = "SK" + "a1" * 16
IE1_KEY = "SK" + "e1" * 16
SECRET = "s3cret" + "0" * 26
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

AU1 = Profile.create("au1-prod", ACCOUNT, "au1", api_key_sid=AU1_KEY)
IE1 = Profile.create("ie1-prod", ACCOUNT, "ie1", api_key_sid=IE1_KEY)


def library_token(key: str, header: dict[str, str], *, exp_offset: int = 3600) -> Secret:
    """A token as twilio-python writes one (`cty`, and `twr` only when a region was given)."""
    issued = int(NOW.timestamp())
    payload = {
        "jti": f"{key}-{issued}",
        "iss": key,
        "sub": ACCOUNT,
        "exp": issued + exp_offset,
        "grants": {"identity": "alice", "voice": {"incoming": {"allow": True}}},
    }
    return Secret(jwt.encode(payload, SECRET, algorithm="HS256", headers={"cty": "twilio-fpa;v=1", **header}))


def test_minted_token_carries_the_profiles_region_and_round_trips() -> None:
    """An AU1 profile's token has `twr: au1`, its key as issuer, the grants asked for, and checks out clean."""
    token = mint_token(Credential(AU1, Secret(SECRET)), "alice", ["voice", "video"], now=NOW.timestamp())
    assert repr(token) == "Secret('[redacted]')"
    decoded = decode_token(token)
    assert decoded.header == {"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1", "twr": "au1"}
    assert (decoded.issuer, decoded.account_sid, decoded.identity) == (AU1_KEY, ACCOUNT, "alice")
    assert decoded.granted == ("voice", "video")
    assert decoded.time_claim("exp") == datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    # The signature is real: the key's secret verifies it.
    options = {"verify_exp": False, "verify_iat": False}  # minted at NOW, not at the test's own time
    jwt.decode(token.reveal(), SECRET, algorithms=["HS256"], options=options)
    findings = check_token(decoded, [AU1, IE1], NOW)
    assert all(f.ok for f in findings)
    assert [f.text for f in findings][:2] == [
        "signed by "
        + AU1_KEY
        + ", which is an AU1 key (profile 'au1-prod'), and the header sends the SDK to AU1",
        "valid until 2026-12-01 13:00:00 UTC (60 min left)",
    ]


def test_us1_token_has_no_twr() -> None:
    """A US1 profile's token has no `twr`, as every helper library writes it when no region is given."""
    us1 = Profile.create("us1", ACCOUNT, "us1", api_key_sid="SK" + "0d" * 16)
    decoded = decode_token(mint_token(Credential(us1, Secret(SECRET)), "bob", ["chat"], now=NOW.timestamp()))
    assert "twr" not in decoded.header
    assert all(f.ok for f in check_token(decoded, [us1], NOW))


def test_missing_twr_on_an_au1_key_is_the_problem_with_every_librarys_fix() -> None:
    """Signed by an AU1 key with no `twr`: the SDK goes to US1 and fails; each library's fix names au1."""
    findings = check_token(decode_token(library_token(AU1_KEY, {})), [AU1, IE1], NOW)
    problem = findings[0]
    assert not problem.ok
    assert problem.text == (
        f"signed by {AU1_KEY}, which is an AU1 key (profile 'au1-prod'), but the header has no `twr`: the SDK "
        "will connect to US1 and fail (the key does not exist there)"
    )
    assert problem.fixes[0] == (
        'python (>= 6.49.0): AccessToken(account_sid, key_sid, key_secret, identity=identity, region="au1")'
    )
    assert [fix.split(" ")[0] for fix in problem.fixes] == [
        "python",
        "node",
        "csharp",
        "java",
        "ruby",
        "php",
        "go",
    ]
    assert all('"au1"' in fix for fix in problem.fixes)


def test_wrong_twr_names_both_regions() -> None:
    """An IE1 key with `twr: au1` sends the SDK to AU1, where the key does not exist."""
    findings = check_token(decode_token(library_token(IE1_KEY, {"twr": "au1"})), [AU1, IE1], NOW)
    assert findings[0].text == (
        f"signed by {IE1_KEY}, which is an IE1 key (profile 'ie1-prod'), but the header's `twr` is 'au1': the "
        "SDK will connect to AU1 and fail"
    )
    assert 'region="ie1"' in findings[0].fixes[0]


def test_expired_token_is_a_problem() -> None:
    """A token past its `exp` says when it expired and how long ago."""
    findings = check_token(decode_token(library_token(AU1_KEY, {"twr": "au1"}, exp_offset=-600)), [AU1], NOW)
    assert [f.text for f in findings if not f.ok] == ["expired at 2026-12-01 11:50:00 UTC (10 min ago)"]


def test_unknown_key_is_a_warning_not_a_failure() -> None:
    """A key no profile holds cannot be placed in a Region: a warning, and the token still passes."""
    findings = check_token(decode_token(library_token("SK" + "77" * 16, {"twr": "ie1"})), [AU1], NOW)
    assert all(f.ok for f in findings)
    assert findings[0].warning
    assert "which no stored profile holds" in findings[0].text


@pytest.mark.parametrize("text", ["not-a-token", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"])
def test_garbage_is_an_input_error_that_never_repeats_the_input(text: str) -> None:
    """What is not a JWT is refused as input, without echoing it."""
    with pytest.raises(InputError) as caught:
        decode_token(Secret(text))
    assert text not in caught.value.message


def test_an_auth_token_profile_cannot_sign() -> None:
    """Access Tokens are signed with an API key: an Auth Token profile is refused before anything is made."""
    token_profile = Profile.create("tok", ACCOUNT, "au1")
    with pytest.raises(InputError, match="holds an Auth Token"):
        mint_token(Credential(token_profile, Secret(SECRET)), "alice", ["voice"])
