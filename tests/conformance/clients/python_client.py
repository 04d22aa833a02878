"""twilio-python against the simulator, configured by the environment alone (the simulator's env file).

Run by tests/conformance with the venv that holds twilio-python from PyPI; argv[1] is the repository root
(for the loopback guard), argv[2] the page size. Prints one JSON document of what it saw.
"""

import json
import os
import sys

sys.path.insert(0, sys.argv[1])
from tests.support import network_guard  # the guard needs the repository on the path first

network_guard.install()  # this process, like the test process, may only reach loopback

from twilio.base.exceptions import TwilioException, TwilioRestException  # noqa: E402
from twilio.rest import Client  # noqa: E402

env = os.environ
page_size = int(sys.argv[2])
# Region and edge come from TWILIO_REGION / TWILIO_EDGE, which the env file exports together.
client = Client(env["TWILIO_API_KEY"], env["TWILIO_API_SECRET"], env["TWILIO_ACCOUNT_SID"])


def sids(records):
    return [record.sid for record in records]


def error_of(call):
    try:
        call()
    except TwilioRestException as error:  # a fetch, create or delete
        return {"status": error.status, "code": error.code}
    except TwilioException as error:  # a list page: twilio-python wraps the response instead
        response = error.args[1]
        return {"status": response.status_code, "code": json.loads(response.text)["code"]}
    return None


listed = sids(client.api.v2010.account.applications.list(page_size=page_size))
fetched = client.api.v2010.account.applications(listed[1]).fetch()
created = client.api.v2010.account.applications.create(friendly_name="conformance python")
after_create = sids(client.api.v2010.account.applications.list(page_size=page_size))
deleted = client.api.v2010.account.applications(created.sid).delete()
after_delete = sids(client.api.v2010.account.applications.list(page_size=page_size))
gone = error_of(client.api.v2010.account.applications(created.sid).fetch)
trunks = sids(client.trunking.v1.trunks.list(page_size=page_size))
us1 = Client(env["TWILIO_API_KEY_US1"], env["TWILIO_API_SECRET_US1"], env["TWILIO_ACCOUNT_SID"])
wrong_region = [
    error_of(lambda: us1.api.v2010.account.applications.list(limit=1)),
    error_of(us1.api.v2010.account.applications(listed[0]).fetch),
]

print(
    json.dumps(
        {
            "region": client.region,
            "edge": client.edge,
            "listed": listed,
            "fetched": {"sid": fetched.sid, "friendly_name": fetched.friendly_name},
            "created": {"sid": created.sid, "friendly_name": created.friendly_name},
            "after_create": after_create,
            "deleted": deleted,
            "after_delete": after_delete,
            "gone": gone,
            "trunks": trunks,
            "wrong_region": wrong_region,
        }
    )
)
