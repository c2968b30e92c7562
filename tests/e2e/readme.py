"""The README's examples, as the tests run them: marked blocks, steps, shown answers.

A fenced block right after the line ``<!-- readme-test: run -->`` is an example to run.
A shell block is cut into steps: the lines up to a ``# → answer`` line (the answer the
step prints) or up to a blank line (a step that prints nothing). In a shown answer,
``…`` stands for whatever differs from run to run: inside a JSON string, any text of
that string; elsewhere, any members or elements. A timestamp stands for any timestamp
of the same form (UTC, six fractional digits), so the README cannot show another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
RUN_MARKER = "<!-- readme-test: run -->"
# Where the README's examples reach the server; the test puts its own server's URL here.
README_BASE_URL = "http://127.0.0.1:8000"
ANSWER_PREFIX = "# → "
ELLIPSIS = "…"
WIRE_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_FENCED_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_ANY_STRING_TEXT = r'(?:[^"\\]|\\.)*'


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    marked: bool
    line: int  # of the opening fence, 1-based, for messages


@dataclass(frozen=True)
class Step:
    command: str
    shown_answer: str | None


def blocks(readme: str) -> list[Block]:
    found = []
    for match in _FENCED_BLOCK.finditer(readme):
        before = readme[: match.start()].rstrip("\n")
        marked = before.endswith(RUN_MARKER)
        line = readme.count("\n", 0, match.start()) + 1
        found.append(Block(match.group(1), match.group(2), marked, line))
    return found


def steps(shell: str) -> list[Step]:
    found: list[Step] = []
    command: list[str] = []
    for line in shell.splitlines():
        if line.startswith(ANSWER_PREFIX):
            if not command:
                raise ValueError(f"an answer with no command before it: {line}")
            found.append(Step("\n".join(command), line.removeprefix(ANSWER_PREFIX)))
            command = []
        elif not line.strip():
            if command:
                found.append(Step("\n".join(command), None))
            command = []
        else:
            command.append(line)
    if command:
        found.append(Step("\n".join(command), None))
    return found


def answer_pattern(shown: str) -> re.Pattern[str]:
    """The regular expression a printed answer must match in full."""
    parts: list[str] = []
    in_string = False
    position = 0
    while position < len(shown):
        character = shown[position]
        timestamp = WIRE_TIMESTAMP.match(shown, position) if in_string else None
        if timestamp is not None:
            parts.append(WIRE_TIMESTAMP.pattern)
            position = timestamp.end()
            continue
        if character == ELLIPSIS:
            parts.append(_ANY_STRING_TEXT if in_string else ".*?")
        elif character == "\\" and in_string:
            parts.append(re.escape(shown[position : position + 2]))
            position += 1
        else:
            if character == '"':
                in_string = not in_string
            parts.append(re.escape(character))
        position += 1
    return re.compile("".join(parts), re.DOTALL)


def matches(shown: str, printed: str) -> bool:
    return answer_pattern(shown).fullmatch(printed) is not None
