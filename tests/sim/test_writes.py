"""Writes kept in memory per Region: Applications (create, update, delete) and API Keys (create, delete)."""

from __future__ import annotations

from tests.sim.sim_client import SimClient


def _sids(client: SimClient, region: str, resource: str) -> list[str]:
    body = client.get(client.api_url(region, f"{resource}.json"), region, PageSize=1000).json()
    return [record["sid"] for record in body[resource.lower()]]


def test_an_application_created_in_au1_exists_only_in_au1(fresh_client: SimClient) -> None:
    """A new AU1 application is listed first in AU1, with its fields, and is absent from IE1 and US1."""
    client = fresh_client
    created = client.http.post(
        client.api_url("au1", "Applications.json"),
        auth=client.auth("au1"),
        data={
            "FriendlyName": "Sydney IVR",
            "VoiceUrl": "https://example.com/ivr",
            "VoiceCallerIdLookup": "true",
        },
    )
    assert created.status_code == 201
    app = created.json()
    assert (app["friendly_name"], app["voice_url"], app["voice_caller_id_lookup"]) == (
        "Sydney IVR",
        "https://example.com/ivr",
        True,
    )
    assert _sids(client, "au1", "Applications")[0] == app["sid"]
    assert len(_sids(client, "au1", "Applications")) == 13
    assert app["sid"] not in _sids(client, "ie1", "Applications")
    assert app["sid"] not in _sids(client, "us1", "Applications")
    assert len(_sids(client, "ie1", "Applications")) == 12


def test_an_application_can_be_updated_and_deleted(fresh_client: SimClient) -> None:
    """Updating a generated application changes it; deleting it makes it 20404 and shortens the list."""
    client = fresh_client
    sid = _sids(client, "ie1", "Applications")[3]
    url = client.api_url("ie1", f"Applications/{sid}.json")
    updated = client.http.post(url, auth=client.auth("ie1"), data={"FriendlyName": "renamed"})
    assert updated.status_code == 200
    assert client.get(url, "ie1").json()["friendly_name"] == "renamed"
    assert client.http.delete(url, auth=client.auth("ie1")).status_code == 204
    assert client.get(url, "ie1").status_code == 404
    assert sid not in _sids(client, "ie1", "Applications")
    assert len(_sids(client, "ie1", "Applications")) == 11
    assert client.http.delete(url, auth=client.auth("ie1")).status_code == 404


def test_a_new_api_key_shows_its_secret_once_and_works_only_in_its_region(fresh_client: SimClient) -> None:
    """Creating an IE1 key returns the secret; listing and fetching never do; it authenticates in IE1 only."""
    client = fresh_client
    created = client.http.post(
        client.api_url("ie1", "Keys.json"), auth=client.auth("ie1"), data={"FriendlyName": "ci"}
    )
    assert created.status_code == 201
    key = created.json()
    assert set(key) == {"sid", "friendly_name", "date_created", "date_updated", "secret"}
    assert key["friendly_name"] == "ci"
    fetched = client.get(client.api_url("ie1", f"Keys/{key['sid']}.json"), "ie1").json()
    listed = client.get(client.api_url("ie1", "Keys.json"), "ie1").json()["keys"]
    assert "secret" not in fetched
    assert all("secret" not in k for k in listed)
    new_auth = (key["sid"], key["secret"])
    assert client.http.get(client.api_url("ie1", "Applications.json"), auth=new_auth).status_code == 200
    assert client.http.get(client.api_url("au1", "Applications.json"), auth=new_auth).status_code == 401


def test_deleting_an_api_key_revokes_it(fresh_client: SimClient) -> None:
    """After DELETE, the key gets 401/20003 and is gone from the Keys list."""
    client = fresh_client
    key = client.http.post(client.api_url("au1", "Keys.json"), auth=client.auth("au1")).json()
    new_auth = (key["sid"], key["secret"])
    deleted = client.http.delete(client.api_url("au1", f"Keys/{key['sid']}.json"), auth=client.auth("au1"))
    assert deleted.status_code == 204
    refused = client.http.get(client.api_url("au1", "Applications.json"), auth=new_auth)
    assert refused.status_code == 401
    assert refused.json()["code"] == 20003
    assert key["sid"] not in _sids(client, "au1", "Keys")


def test_each_regions_keys_list_starts_with_its_demo_key(fresh_client: SimClient) -> None:
    """The Keys list of each Region shows that Region's demo key, and only that one."""
    client = fresh_client
    for region in ("us1", "ie1", "au1"):
        sids = _sids(client, region, "Keys")
        assert client.sim.credentials[region].api_key_sid in sids
        others = {c.api_key_sid for r, c in client.sim.credentials.items() if r != region}
        assert not others & set(sids)
