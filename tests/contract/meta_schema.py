"""Loads the OpenRPC meta-schema from the pinned npm package @open-rpc/meta-schema.

The package ships the schema as a JavaScript module, so node reads it out; `make test`
installs the package with `npm ci` from the committed lock file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent
_SCRIPT = 'process.stdout.write(JSON.stringify(require("@open-rpc/meta-schema").openrpcDocument))'


def load_meta_schema() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to read the OpenRPC meta-schema (see README)")
    if not (PACKAGE_DIR / "node_modules" / "@open-rpc" / "meta-schema").is_dir():
        raise RuntimeError(
            f"@open-rpc/meta-schema is not installed: run `npm ci` in {PACKAGE_DIR} "
            "(make test does it)"
        )
    output = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [node, "-e", _SCRIPT], cwd=PACKAGE_DIR, check=True, capture_output=True, text=True
    ).stdout
    schema: dict[str, Any] = json.loads(output)
    return schema
