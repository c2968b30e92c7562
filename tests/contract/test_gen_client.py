"""`switchyard gen-client`: writes openrpc.json from the code, then runs the TS generator.

The generator itself is tested by the client's own suite (`npm test` in clients/ts);
here, that the command hands it the right document and refuses what it cannot run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from rpc import render_openrpc
from switchyard import cli
from switchyard.openrpc import openrpc_document


@pytest.fixture
def npm_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests must not depend on the machine having npm: the command is never run.
    monkeypatch.setattr(cli.shutil, "which", lambda name: f"/opt/node/bin/{name}")


@pytest.fixture
def client_dir(tmp_path: Path) -> Path:
    package = tmp_path / "client"
    (package / "node_modules").mkdir(parents=True)
    (package / "package.json").write_text("{}")
    return package


@pytest.mark.usefixtures("npm_on_path")
def test_writes_the_document_then_runs_the_generator_on_it(
    tmp_path: Path, client_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], Path]] = []

    def fake_run(command: list[str], *, cwd: Path, check: bool) -> Any:
        calls.append((command, cwd))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(cli.subprocess, "run", fake_run)
    output = tmp_path / "openrpc.json"

    code = cli.main(["gen-client", "--output", str(output), "--client-dir", str(client_dir)])

    assert code == 0
    assert output.read_text() == render_openrpc(openrpc_document())
    assert calls == [
        (
            ["/opt/node/bin/npm", "run", "--silent", "generate", "--", "--openrpc", str(output)],
            client_dir,
        )
    ]


@pytest.mark.usefixtures("npm_on_path")
def test_passes_on_the_generators_failure(
    tmp_path: Path, client_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli.subprocess, "run", lambda command, **_: subprocess.CompletedProcess(command, 1)
    )
    args = ["gen-client", "--output", str(tmp_path / "o.json"), "--client-dir", str(client_dir)]
    assert cli.main(args) == 1


def test_refuses_a_directory_without_the_client_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["gen-client", "--output", str(tmp_path / "o.json"), "--client-dir", str(tmp_path)]
    assert cli.main(args) == 2
    assert "no client package" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


@pytest.mark.usefixtures("npm_on_path")
def test_refuses_to_run_before_npm_ci(
    tmp_path: Path, client_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (client_dir / "node_modules").rmdir()
    args = ["gen-client", "--output", str(tmp_path / "o.json"), "--client-dir", str(client_dir)]
    assert cli.main(args) == 2
    assert "npm ci" in capsys.readouterr().err
