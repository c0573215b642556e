"""The bench's "floor": the least a Python CLI built on typer + httpx + attrs can do for one attach.

It imports typer, httpx and attrs (what `attach` is built on), then makes one
``POST {endpoint}/attachments`` at microversion 3.54 with a token obtained beforehand, and prints the
new attachment's id. No config loading, no token cache, no validation, no output formatting: what is
left is interpreter start-up, the three imports, one httpx client and one HTTP round trip.

Like `attach` on a plain-http endpoint, the client is made with ``verify=False`` (no CA bundle is
loaded for http) and ``trust_env=False``.

Environment: BENCH_TOKEN, BENCH_ENDPOINT (``.../v3/<project_id>``), BENCH_VOLUME, BENCH_INSTANCE.
Exit 0 on HTTP 200, else 1.
"""

import os
import sys

import attrs  # noqa: F401 - imported for its cost, as the generated client does
import httpx
import typer  # noqa: F401 - imported for its cost, as the CLI does

body = {
    "attachment": {
        "volume_uuid": os.environ["BENCH_VOLUME"],
        "instance_uuid": os.environ["BENCH_INSTANCE"],
        "mode": "rw",
    }
}
headers = {
    "X-Auth-Token": os.environ["BENCH_TOKEN"],
    "OpenStack-API-Version": "volume 3.54",
    "Accept": "application/json",
    "User-Agent": "bench-floor/1",
}
with httpx.Client(verify=False, trust_env=False, timeout=60) as client:
    response = client.post(f"{os.environ['BENCH_ENDPOINT']}/attachments", json=body, headers=headers)
if response.status_code != 200:
    sys.stderr.write(f"floor: HTTP {response.status_code}: {response.text[:300]}\n")
    sys.exit(1)
print(response.json()["attachment"]["id"])
