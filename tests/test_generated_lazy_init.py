"""The generated package's lazy __init__ modules (spec/templates/*_init.py.jinja): nothing is lost, less is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cinder_attach_client
from cinder_attach_client import models

PROBE = """
import json, sys
{statement}
loaded = sorted(name for name in sys.modules if name.startswith(("cinder_attach_client", "httpx")))
print(json.dumps(loaded))
"""


def loaded_after(statement: str) -> list[str]:
    """The generated package's modules (and httpx) that a fresh interpreter has loaded after the statement."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(statement=statement)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_importing_one_model_loads_only_its_module_and_no_httpx() -> None:
    assert loaded_after("from cinder_attach_client.models import AttachmentMode") == [
        "cinder_attach_client",
        "cinder_attach_client.models",
        "cinder_attach_client.models.attachment_mode",
    ]


def test_every_name_in_all_resolves_to_its_class() -> None:
    for name in models.__all__:
        value = getattr(models, name)
        module = sys.modules[f"{models.__name__}.{models._MODULE_OF[name]}"]
        assert value is getattr(module, name), name


def test_the_table_covers_every_model_module_and_nothing_else() -> None:
    package_dir = Path(models.__file__).parent
    modules = {path.stem for path in package_dir.glob("*.py")} - {"__init__"}
    assert set(models._MODULE_OF.values()) == modules
    assert set(models._MODULE_OF) == set(models.__all__)


def test_star_import_and_dir_see_every_name() -> None:
    namespace: dict[str, object] = {}
    exec("from cinder_attach_client.models import *", namespace)
    assert set(models.__all__) <= set(namespace)
    assert set(models.__all__) <= set(dir(models))


def test_unknown_names_raise_attribute_and_import_errors() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        models.Nope  # noqa: B018
    with pytest.raises(ImportError):
        exec("from cinder_attach_client.models import Nope", {})


def test_package_exports_the_clients_on_first_use() -> None:
    assert loaded_after("import cinder_attach_client") == ["cinder_attach_client"]
    from cinder_attach_client.client import AuthenticatedClient, Client

    assert cinder_attach_client.Client is Client
    assert cinder_attach_client.AuthenticatedClient is AuthenticatedClient
    assert {"Client", "AuthenticatedClient"} <= set(dir(cinder_attach_client))
    with pytest.raises(AttributeError):
        cinder_attach_client.Nope  # noqa: B018
