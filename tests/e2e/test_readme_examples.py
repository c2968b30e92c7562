"""The README's shell examples, run as written against a live ``switchyard serve``.

A newcomer runs ``make serve``, the README's ``create-admin``, then pastes the examples
in order into one shell at the repository's root. This test does the same, in one bash
process, on a server of its own (a fresh data directory, a free port); the only change
to the README's text is the server's URL. Each step must exit 0, print exactly the
answer the README shows after it (``…`` for what differs from run to run), and print
nothing where the README shows nothing. The TypeScript examples are run by the
client's ``npm test`` (clients/ts/test/readme.test.ts).
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.e2e.processes import ROOT, ServerProcess, base_environment, switchyard_serve
from tests.e2e.readme import (
    README,
    README_BASE_URL,
    Block,
    Step,
    blocks,
    matches,
    steps,
)

SCRIPT_TIMEOUT_SECONDS = 120
BASH = shutil.which("bash") or "/bin/bash"
# What a runnable example must not do: install things or start and migrate servers.
NOT_RUN_BY_THE_TEST = re.compile(r"\b(make|npm|npx|apt-get|createdb)\b|switchyard (serve|migrate)")


@dataclass(frozen=True)
class Outcome:
    step: Step
    status: int
    printed: str


def readme_blocks() -> list[Block]:
    return blocks(README.read_text(encoding="utf-8"))


def shell_steps() -> list[Step]:
    return [
        step
        for block in readme_blocks()
        if block.marked and block.language == "sh"
        for step in steps(block.text)
    ]


def run_in_one_shell(step_list: list[Step], base_url: str, env: dict[str, str]) -> list[Outcome]:
    """Run the steps in order in one bash process; each one's exit status and output."""
    separator = f"--- step done {secrets.token_hex(8)}"
    script = "".join(f'{step.command}\nprintf "\\n{separator} %d\\n" "$?"\n' for step in step_list)
    finished = subprocess.run(  # noqa: S603 - bash running the README's own examples
        [BASH, "-c", script.replace(README_BASE_URL, base_url)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT_SECONDS,
    )
    # stdout is: output 1, separator, status 1, output 2, separator, status 2, ...
    chunks = finished.stdout.split(f"\n{separator} ")
    printed = [chunks[0]] + [chunk.partition("\n")[2] for chunk in chunks[1:]]
    statuses = [int(chunk.partition("\n")[0]) for chunk in chunks[1:]]
    outcomes = [
        Outcome(step, status, output)
        for step, status, output in zip(step_list, statuses, printed, strict=False)
    ]
    assert len(outcomes) == len(step_list), (
        f"the script stopped after {len(outcomes)} of {len(step_list)} steps:\n"
        f"{finished.stdout[-2000:]}\n{finished.stderr[-2000:]}"
    )
    return outcomes


def problems_of(outcome: Outcome) -> list[str]:
    printed = outcome.printed.strip("\n")
    shown = outcome.step.shown_answer
    problems = []
    if outcome.status != 0:
        problems.append(f"exit status {outcome.status}")
    if shown is None and printed:
        problems.append("printed an answer the README does not show")
    if shown is not None and not matches(shown, printed):
        problems.append(f"printed an answer other than the one shown:\n  shown:   {shown}")
    return [f"{problem}\n  printed: {printed}" for problem in problems]


@pytest.fixture(scope="module")
def readme_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, dict[str, str]]]:
    assert (ROOT / ".venv" / "bin" / "switchyard").exists(), (
        "the README's commands need `make install`"
    )
    assert shutil.which("curl"), "the README's examples need curl"
    directory = tmp_path_factory.mktemp("readme")
    env = base_environment(directory / "data")
    with switchyard_serve(env, directory / "serve.log") as server:
        yield server, env


def test_every_shell_example_runs_as_written_and_answers_as_shown(
    readme_server: tuple[ServerProcess, dict[str, str]],
) -> None:
    server, env = readme_server
    step_list = shell_steps()
    assert len(step_list) > 10, "the walk must find the README's examples"

    outcomes = run_in_one_shell(step_list, server.url, env)

    failures = [
        f"step {number}:\n{outcome.step.command}\n{problem}"
        for number, outcome in enumerate(outcomes, 1)
        for problem in problems_of(outcome)
    ]
    assert failures == [], "\n\n".join(failures)


def test_every_example_that_calls_the_server_is_marked_to_run() -> None:
    unmarked = [
        block.line
        for block in readme_blocks()
        if not block.marked
        and (
            block.language == "ts"
            or f"{README_BASE_URL}/rpc" in block.text
            or "create-admin" in block.text
        )
    ]
    assert unmarked == [], f"README blocks at lines {unmarked} call the server but are not run"


def test_no_example_to_run_installs_or_starts_anything() -> None:
    marked = [block for block in readme_blocks() if block.marked]

    assert {block.language for block in marked} == {"sh", "ts"}
    assert [
        (block.line, line)
        for block in marked
        if block.language == "sh"
        for line in block.text.splitlines()
        if not line.lstrip().startswith("#") and NOT_RUN_BY_THE_TEST.search(line)
    ] == []


# --- the shown answers ---------------------------------------------------------------


def test_an_elided_string_stays_within_its_string() -> None:
    shown = '{"id":"…","name":"Work"}'

    assert matches(shown, '{"id":"3d9a-1","name":"Work"}')
    assert not matches(shown, '{"id":"3d9a-1","other":"x","name":"Work"}')


def test_elided_members_and_elements_may_be_many_or_none() -> None:
    shown = '{"result":[{"a":1,…}],"id":1}'

    assert matches(shown, '{"result":[{"a":1,"b":2,"c":[3]}],"id":1}')
    assert not matches(shown, '{"result":[{"a":2,"b":2}],"id":1}')


def test_a_shown_timestamp_stands_for_any_of_the_same_form() -> None:
    shown = '{"createdAt":"2026-11-28T21:26:11.522080Z"}'

    assert matches(shown, '{"createdAt":"2031-01-02T03:04:05.000000Z"}')
    assert not matches(shown, '{"createdAt":"2031-01-02T03:04:05Z"}')


def test_the_rest_of_an_answer_must_be_exactly_as_shown() -> None:
    shown = '{"jsonrpc":"2.0","result":{"success":false,"latency":…,"error":"refused"},"id":4}'

    assert matches(
        shown, '{"jsonrpc":"2.0","result":{"success":false,"latency":0,"error":"refused"},"id":4}'
    )
    assert not matches(
        shown, '{"jsonrpc":"2.0","result":{"success":true,"latency":0,"error":"refused"},"id":4}'
    )
    assert not matches(shown, '{"jsonrpc":"2.0","error":{"code":-32004},"id":4}')


def test_steps_end_at_a_shown_answer_or_a_blank_line() -> None:
    shell = 'A=$(one \\\n  two)\necho "$A"\n# → 1\nB=2\n\n# a comment\nthree\n'

    assert steps(shell) == [
        Step('A=$(one \\\n  two)\necho "$A"', "1"),
        Step("B=2", None),
        Step("# a comment\nthree", None),
    ]
