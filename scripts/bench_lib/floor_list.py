"""The list scenario's floor: the least a Python client can do to list all of a volume's attachments.

Stdlib only (http.client and json, one kept-alive connection). It pages through
``GET {endpoint}/attachments?volume_id=V&limit=1000[&marker=LAST]`` at microversion 3.27 with a
token obtained beforehand, and prints one id per line, as ``attach list -f value -c id`` does. It
stops at a short page, or at a page that brings no new id (equal timestamps can repeat a page).

Environment: BENCH_TOKEN, BENCH_ENDPOINT (``http://host:port/v3/<project_id>``), BENCH_VOLUME.
Exit 0 when every page answered 200, else 1.
"""

import http.client
import json
import os
import sys
import urllib.parse

PAGE = 1000
endpoint = urllib.parse.urlsplit(os.environ["BENCH_ENDPOINT"])
headers = {
    "X-Auth-Token": os.environ["BENCH_TOKEN"],
    "OpenStack-API-Version": "volume 3.27",
    "Accept": "application/json",
    "User-Agent": "bench-floor/1",
}
conn = http.client.HTTPConnection(endpoint.hostname or "127.0.0.1", endpoint.port, timeout=300)
seen: set[str] = set()
ids: list[str] = []
marker = ""
while True:
    params = {"volume_id": os.environ["BENCH_VOLUME"], "limit": str(PAGE)}
    if marker:
        params["marker"] = marker
    conn.request("GET", f"{endpoint.path}/attachments?{urllib.parse.urlencode(params)}", headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.stderr.write(f"floor: HTTP {response.status}: {body[:300]!r}\n")
        sys.exit(1)
    page = [a["id"] for a in json.loads(body)["attachments"]]
    fresh = [i for i in page if i not in seen]
    seen.update(fresh)
    ids += fresh
    if len(page) < PAGE or not fresh:
        break
    marker = page[-1]
conn.close()
sys.stdout.write("".join(f"{i}\n" for i in ids))
