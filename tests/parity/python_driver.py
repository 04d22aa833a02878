"""Run inside a venv holding one twilio-python version: the host its Client sends each case to.

Reads a JSON list of cases ({product, region, edge, env}) on stdin and writes one result per case on stdout:
{"host": ...} or {"error": "KeyError: 'in1'"}. The request goes through the library's own Client.request with
an HttpClient that records the URL instead of sending it, so nothing leaves the process.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from typing import Any
from urllib.parse import urlsplit

from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.rest import Client


class Recorder(HttpClient):
    def __init__(self) -> None:
        super().__init__(logging.getLogger("parity"), False)
        self.url = ""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        self.url = url
        return Response(200, "{}")


def run(case: dict[str, Any]) -> dict[str, str]:
    for name in ("TWILIO_REGION", "TWILIO_EDGE"):
        os.environ.pop(name, None)
    os.environ.update(case["env"])
    recorder = Recorder()
    try:
        client = Client(
            "AC" + "0" * 32, "token", region=case["region"], edge=case["edge"], http_client=recorder
        )
    except Exception as error:  # the window's unguarded region map raises here
        return {"error": f"{type(error).__name__}: {error}"}
    client.request("GET", f"https://{case['product']}.twilio.com/v1/Things")
    return {"host": urlsplit(recorder.url).hostname or ""}


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    print(json.dumps([run(case) for case in json.load(sys.stdin)]))
