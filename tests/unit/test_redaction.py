"""cinder_attach.redaction: which keys are secrets, and masking them."""

from __future__ import annotations

import pytest

from cinder_attach.redaction import is_secret_key, redact, redact_url


@pytest.mark.parametrize(
    "name",
    [
        "auth_password",
        "discovery_auth_password",
        "PASSWORD",
        "target_secret",
        "volume_key",
        "X-Auth-Token",
        "credential",
    ],
)
def test_secret_keys(name: str) -> None:
    assert is_secret_key(name)


@pytest.mark.parametrize("name", ["encryption_key_id", "key_manager", "auth_username", "target_iqn", "host"])
def test_not_secret_keys(name: str) -> None:
    assert not is_secret_key(name)


def test_redact_nested() -> None:
    value = {
        "auth_password": "p",
        "data": {"secret_key": "s", "keep": 1, "list": [{"token": "t"}, "plain"]},
        "empty_password": "",
        "none_secret": None,
        "encryption_key_id": "id",
    }
    assert redact(value) == {
        "auth_password": "***",
        "data": {"secret_key": "***", "keep": 1, "list": [{"token": "***"}, "plain"]},
        "empty_password": "",
        "none_secret": None,
        "encryption_key_id": "id",
    }
    assert value["auth_password"] == "p", "redact copies"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:pa55@proxy.example:3128", "http://***@proxy.example:3128"),
        ("http://proxy.example:3128/", "http://proxy.example:3128/"),
        ("socks5://u@h:1080", "socks5://***@h:1080"),
        ("proxy.example:3128", "proxy.example:3128"),
    ],
)
def test_redact_url_hides_credentials(url: str, shown: str) -> None:
    assert redact_url(url) == shown
