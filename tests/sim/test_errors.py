"""Unknown SIDs, paths, parents and accounts give Twilio's 20404; writes the simulator does not keep give 405."""

from __future__ import annotations

import pytest

from tests.sim.sim_client import SimClient


def test_an_unknown_sid_gets_20404_with_twilios_body(client: SimClient) -> None:
    """A well-formed Application SID that does not exist in AU1 gets 404 and the classic error body."""
    url = client.api_url("au1", "Applications/AP" + "0" * 32 + ".json")
    response = client.get(url, "au1")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == 20404
    assert body["status"] == 404
    assert body["more_info"] == "https://www.twilio.com/docs/errors/20404"
    assert "/Applications/AP" in body["message"]


def test_a_sid_from_another_region_is_unknown_here(client: SimClient) -> None:
    """An AU1 application's SID is not found on the IE1 host: Regions do not share data."""
    sid = client.get(client.api_url("au1", "Applications.json"), "au1").json()["applications"][0]["sid"]
    assert client.get(client.api_url("au1", f"Applications/{sid}.json"), "au1").status_code == 200
    assert client.get(client.api_url("ie1", f"Applications/{sid}.json"), "ie1").status_code == 404


def test_unknown_paths_parents_and_accounts_get_20404(client: SimClient) -> None:
    """A path not in the catalogue, a child list of a missing call and another account's path all get 20404."""
    unknown_path = client.get(client.api_url("us1", "Nonsense.json"), "us1")
    missing_parent = client.get(client.api_url("us1", "Calls/CA" + "0" * 32 + "/Recordings.json"), "us1")
    other_account = client.get(
        client.api_url("us1", "Applications.json").replace(client.sim.account_sid, "AC" + "1" * 32), "us1"
    )
    for response in (unknown_path, missing_parent, other_account):
        assert response.status_code == 404
        assert response.json()["code"] == 20404


def test_a_resource_not_offered_in_the_region_gets_20404(client: SimClient) -> None:
    """Messages over the 2010 API exist in US1 but not in AU1."""
    assert client.get(client.api_url("us1", "Messages.json"), "us1").status_code == 200
    response = client.get(client.api_url("au1", "Messages.json"), "au1")
    assert response.status_code == 404
    assert response.json()["code"] == 20404


def test_a_child_list_of_an_existing_parent_answers(client: SimClient) -> None:
    """A call's recordings list answers for a call SID taken from the Calls list."""
    call = client.get(client.api_url("au1", "Calls.json"), "au1").json()["calls"][0]["sid"]
    response = client.get(client.api_url("au1", f"Calls/{call}/Recordings.json"), "au1")
    assert response.status_code == 200
    assert all(r["call_sid"] == call for r in response.json()["recordings"])


@pytest.mark.parametrize(
    ("method", "resource"),
    [("DELETE", "Applications.json"), ("PATCH", "Applications.json"), ("DELETE", "Calls.json")],
)
def test_a_method_the_resource_does_not_have_gets_twilios_405_body(
    client: SimClient, method: str, resource: str
) -> None:
    """A method a resource does not have answers Twilio's own 405 body: 20004 "Method not allowed", nothing else."""
    response = client.http.request(method, client.api_url("au1", resource), auth=client.auth("au1"))
    assert response.status_code == 405
    assert response.json() == {
        "code": 20004,
        "message": "Method not allowed",
        "more_info": "https://www.twilio.com/docs/errors/20004",
        "status": 405,
    }
