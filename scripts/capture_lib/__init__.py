"""Capture real Cinder attachment responses as contract-test fixtures.

Run against a running devcloud (``scripts/devcloud up``; this tool never starts or
stops it):

    scripts/capture                 # writes tests/contract/fixtures/*.json
    scripts/capture --out DIR       # somewhere else
    scripts/capture --only volumes  # one group; only its fixtures are replaced

Stdlib only. Reads ``.devcloud/state.json`` (or ``$DEVCLOUD_DIR/state.json``) for the
Keystone URL and the users, gets a token for the ``member`` user of the ``demo``
project, takes the block-storage endpoint from the token's catalog, creates a few
volumes, drives the attachments API through every case in cases.py,
cleans up what it created, and writes one JSON file per response:

    {"operation", "case",
     "request": {method, path_template, path_params, microversion, query, body},
     "status", "headers": {OpenStack-API-Version, X-OpenStack-Request-Id, Content-Type},
     "body"}

Nothing secret is written: tokens are never part of a fixture, and the fake driver's
connection_info carries no CHAP credentials.
"""
