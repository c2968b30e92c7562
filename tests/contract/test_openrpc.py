"""The published contract: openrpc.json is current, valid, and its examples are true."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource

from rpc import ErrorCode, render_openrpc
from switchyard.openrpc import openrpc_document
from tests.contract.meta_schema import load_meta_schema

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "openrpc.json"
DOCUMENT: dict[str, Any] = json.loads(COMMITTED.read_text())
METHODS: list[dict[str, Any]] = DOCUMENT["methods"]
METHOD_IDS = [method["name"] for method in METHODS]


def test_committed_document_matches_the_code() -> None:
    generated = render_openrpc(openrpc_document())
    assert COMMITTED.read_text() == generated, (
        "openrpc.json is out of date: run `make openrpc` (switchyard openrpc --output "
        "openrpc.json) and commit it"
    )


def test_document_is_valid_against_the_openrpc_meta_schema() -> None:
    # The meta-schema checks every schema in the document against
    # https://meta.json-schema.tools, which is JSON Schema draft 7 (offline: use the copy
    # jsonschema ships rather than fetching it).
    draft7 = Resource.from_contents(Draft7Validator.META_SCHEMA)
    registry: Registry[Any] = Registry().with_resources(
        [("https://meta.json-schema.tools", draft7), ("https://meta.json-schema.tools/", draft7)]
    )
    validator = Draft7Validator(load_meta_schema(), registry=registry)
    errors = sorted(validator.iter_errors(DOCUMENT), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_method_names_are_unique() -> None:
    assert len(METHOD_IDS) == len(set(METHOD_IDS))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_every_ref_resolves() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    refs = list(_refs(DOCUMENT))
    assert refs, "expected result schemas to be $refs into components.schemas"
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in schemas, f"dangling {ref}"


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    # Pydantic writes draft 2020-12; refs point into the document's components.
    rooted = {**schema, "components": DOCUMENT["components"]}
    return Draft202012Validator(rooted, format_checker=FormatChecker())


@pytest.mark.parametrize("method", METHODS, ids=METHOD_IDS)
def test_method_carries_its_metadata(method: dict[str, Any]) -> None:
    assert method["x-procedure-type"] in {"query", "mutation"}
    assert isinstance(method["x-roles"], list)
    assert method["x-roles"]
    assert method["summary"]
    assert method["paramStructure"] == "by-name"
    assert method["tags"] == [{"name": method["name"].split(".")[0]}]
    assert method["examples"], "every method needs at least one example"
    codes = {error["code"] for error in method["errors"]}
    assert ErrorCode.INVALID_PARAMS.number in codes
    for error in method["errors"]:
        key = ErrorCode.from_number(error["code"])
        assert error["data"] == {"code": key.name, "httpStatus": key.http_status}
    if method["x-roles"] != ["public"]:
        assert ErrorCode.UNAUTHORIZED.number in codes
    if "x-rate-limit" in method:
        assert ErrorCode.TOO_MANY_REQUESTS.number in codes


@pytest.mark.parametrize("method", METHODS, ids=METHOD_IDS)
def test_every_example_validates_against_the_method_schemas(method: dict[str, Any]) -> None:
    descriptors = {param["name"]: param for param in method["params"]}
    for example in method["examples"]:
        given = {param["name"]: param["value"] for param in example["params"]}
        assert set(given) <= set(descriptors), f"{example['name']}: unknown params"
        missing = {n for n, d in descriptors.items() if d["required"]} - set(given)
        assert not missing, f"{example['name']}: missing required params {missing}"
        for name, value in given.items():
            _validator(descriptors[name]["schema"]).validate(value)
        _validator(method["result"]["schema"]).validate(example["result"]["value"])


def test_examples_are_checked_for_real() -> None:
    # Guard for the test above: a wrong example must fail validation.
    login = next(m for m in METHODS if m["name"] == "auth.login")
    with pytest.raises(ValidationError, match=r"is a required property|is not of type"):
        _validator(login["result"]["schema"]).validate({"accessToken": 3})
