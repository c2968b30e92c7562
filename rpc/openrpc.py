"""The OpenRPC 1.3.2 document of a router, read from the procedures' own data.

Schemas of all inputs and outputs are generated in one pass, so a model used by several
procedures appears once in ``components.schemas`` and every use is a ``$ref`` to it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode

from rpc.procedure import Example, Procedure
from rpc.router import Router

OPENRPC_VERSION = "1.3.2"
REF_PREFIX = "#/components/schemas/"


def build_openrpc(
    router: Router[Any],
    *,
    title: str,
    version: str,
    description: str = "",
    server_url: str = "/rpc",
) -> dict[str, Any]:
    procedures = list(router)
    schemas, components = _schemas(procedures)
    return {
        "openrpc": OPENRPC_VERSION,
        "info": {"title": title, "version": version, "description": description},
        "servers": [{"name": "default", "url": server_url}],
        "methods": [
            _method(p, schemas[("input", p.name)], schemas[("output", p.name)], components)
            for p in procedures
        ],
        "components": {"schemas": dict(sorted(components.items()))},
    }


def render_openrpc(document: dict[str, Any]) -> str:
    """The committed form of the document: stable key order, two-space indent, newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _schemas(
    procedures: list[Procedure[Any]],
) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[str, Any]]:
    inputs: list[tuple[tuple[str, str], JsonSchemaMode, TypeAdapter[Any]]] = []
    for procedure in procedures:
        inputs.append((("input", procedure.name), "validation", TypeAdapter(procedure.input_model)))
        inputs.append((("output", procedure.name), "serialization", procedure.output_adapter))
    by_key, definitions = TypeAdapter.json_schemas(inputs, ref_template=REF_PREFIX + "{model}")
    schemas = {key: schema for (key, _mode), schema in by_key.items()}
    return schemas, dict(definitions.get("$defs", {}))


def _method(
    procedure: Procedure[Any],
    input_schema: dict[str, Any],
    output_schema: dict[str, Any],
    components: dict[str, Any],
) -> dict[str, Any]:
    params = _content_descriptors(_resolve(input_schema, components))
    method: dict[str, Any] = {
        "name": procedure.name,
        "summary": procedure.summary,
        "description": procedure.description,
        "tags": [{"name": procedure.namespace}],
        "paramStructure": "by-name",
        "params": params,
        "result": {"name": "result", "schema": output_schema, "required": True},
        "errors": [
            {
                "code": code.number,
                "message": code.default_message,
                "data": {"code": code.name, "httpStatus": code.http_status},
            }
            for code in procedure.errors
        ],
        "examples": [_example(example) for example in procedure.examples],
        "x-procedure-type": procedure.kind,
        "x-roles": procedure.access.to_json(),
    }
    if procedure.rate_limit is not None:
        method["x-rate-limit"] = procedure.rate_limit.to_json()
    return method


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        resolved: dict[str, Any] = components[ref.removeprefix(REF_PREFIX)]
        return resolved
    return schema


def _content_descriptors(object_schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(object_schema.get("required", []))
    descriptors = []
    for name, schema in object_schema.get("properties", {}).items():
        descriptor: dict[str, Any] = {"name": name, "schema": schema, "required": name in required}
        if "description" in schema:
            descriptor["description"] = schema["description"]
        descriptors.append(descriptor)
    return descriptors


def _example(example: Example) -> dict[str, Any]:
    pairing: dict[str, Any] = {
        "name": example.name,
        "params": [{"name": key, "value": value} for key, value in example.params.items()],
        "result": {"name": "result", "value": example.result},
    }
    if example.summary:
        pairing["summary"] = example.summary
    return pairing
