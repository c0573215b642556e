"""TLS against a real local HTTPS server: an untrusted or mismatched certificate is one line and sends nothing;
--os-cacert and --insecure work; unreadable TLS files are a configuration error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import trustme
from fault_cases import CREATE
from helpers import ATT, TOKEN, assert_one_line_error, attachment, invoke, server_tls
from local_server import Answer, LocalServer


@pytest.fixture
def https(ca: trustme.CA) -> Any:
    tls = server_tls(ca, "127.0.0.1", "localhost")
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()}), tls=tls) as server:
        yield server


def test_tls_untrusted_certificate(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    r = invoke(capsys, *CREATE, "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    line = assert_one_line_error(r, 1)
    assert line.startswith(f"Error: TLS verification failed for {https.endpoint()}")
    assert "--os-cacert" in line and "--insecure" in line
    assert https.seen == [], "nothing was sent over an unverified connection"


def test_tls_with_cacert(capsys: pytest.CaptureFixture[str], https: LocalServer, ca_file: str) -> None:
    r = invoke(
        capsys, *CREATE, "-f", "json", "--os-cacert", ca_file, "--os-token", TOKEN, "--os-endpoint", https.endpoint()
    )
    assert r.code == 0, r.err
    assert json.loads(r.out)["id"] == ATT
    assert r.err == ""
    assert len(https.seen) == 1 and https.seen[0].headers["x-auth-token"] == TOKEN


def test_tls_with_the_wrong_ca(capsys: pytest.CaptureFixture[str], https: LocalServer, tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    r = invoke(capsys, *CREATE, "--os-cacert", str(other), "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    assert "TLS verification failed" in assert_one_line_error(r, 1)
    assert https.seen == []


def test_tls_insecure(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    r = invoke(
        capsys, *CREATE, "-f", "value", "-c", "id", "--insecure", "--os-token", TOKEN, "--os-endpoint", https.endpoint()
    )
    assert r.code == 0, r.err
    assert r.out == ATT + "\n"
    assert r.err.startswith("Warning: TLS certificate verification is off")
    assert r.err.count("\n") == 1
    assert len(https.seen) == 1


def test_tls_hostname_mismatch(capsys: pytest.CaptureFixture[str], ca: trustme.CA, ca_file: str) -> None:
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("cinder.example.org").configure_cert(context)
    with LocalServer(lambda seen: Answer.json(200, {"attachment": attachment()}), tls=context) as server:
        r = invoke(capsys, *CREATE, "--os-cacert", ca_file, "--os-token", TOKEN, "--os-endpoint", server.endpoint())
    assert "TLS verification failed" in assert_one_line_error(r, 1)
    assert server.seen == []


@pytest.mark.parametrize("option", ["--os-cacert", "--os-cert"])
def test_unreadable_tls_files_are_a_config_error(
    capsys: pytest.CaptureFixture[str], https: LocalServer, option: str
) -> None:
    r = invoke(capsys, *CREATE, option, "/nonexistent/ca.pem", "--os-token", TOKEN, "--os-endpoint", https.endpoint())
    line = assert_one_line_error(r, 2)
    assert "cannot load the TLS files" in line and "/nonexistent/ca.pem" in line and "No such file" in line
    assert https.seen == []


def test_plain_http_to_a_tls_server(capsys: pytest.CaptureFixture[str], https: LocalServer) -> None:
    endpoint = https.endpoint().replace("https://", "http://")
    r = invoke(capsys, *CREATE, "--timeout", "5", "--os-token", TOKEN, "--os-endpoint", endpoint)
    assert_one_line_error(r, 1)
