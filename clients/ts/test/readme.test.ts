/**
 * The README's TypeScript examples, run as the README says to run them: the marked
 * ```ts blocks, in order, as one module inside this package (where "@switchyard/client"
 * is the package itself, built into dist/ by `npm test`), compiled with the README's own
 * `npx tsc ...` flags and run with node against a fresh server on which the README's
 * `create-admin` command made the admin. The only change to the README's text is the
 * server's URL. What the module prints must be, line for line, what the README shows
 * after `// →` (`…` standing for what differs from run to run, such as an id).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { packageRoot, repositoryRoot } from "./support/paths.js";
import { type RunningServer, startServer } from "./support/server.js";

const run = promisify(execFile);
const README_BASE_URL = "http://127.0.0.1:8000";
const RUN_MARKER = "<!-- readme-test: run -->";
const MODULE_NAME = "try.mts";
// The README's way to compile and run the snippets; the test takes the flags from it.
const COMPILE_AND_RUN = /^npx tsc (?<flags>.+) try\.mts && node try\.mjs$/m;
const SHOWN_OUTPUT = /\/\/ → (?<line>.*)$/;

const readme = readFileSync(resolve(repositoryRoot, "README.md"), "utf8");

interface Block {
  readonly language: string;
  readonly text: string;
}

/** The fenced blocks right after the run marker. */
function markedBlocks(): Block[] {
  const fence = /^<!-- readme-test: run -->\n```(\w*)\n([\s\S]*?)^```$/gm;
  assert.ok(readme.includes(RUN_MARKER));
  return [...readme.matchAll(fence)].map((match) => ({ language: match[1] ?? "", text: match[2] ?? "" }));
}

function shownOutput(source: string): string[] {
  return source.split("\n").flatMap((line) => {
    const shown = SHOWN_OUTPUT.exec(line)?.groups?.line;
    return shown === undefined ? [] : [shown.trimEnd()];
  });
}

/** Whether a printed line is the shown one, `…` standing for any text. */
function matches(shown: string, printed: string): boolean {
  const pattern = shown
    .split("…")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`, "s").test(printed);
}

let server: RunningServer;

before(async () => {
  server = await startServer();
  const [createAdmin, ...others] = markedBlocks().filter((block) => block.text.includes("create-admin"));
  assert.ok(createAdmin && others.length === 0, "one marked block makes the admin");
  await server.shell(createAdmin.text);
});

after(async () => {
  await server?.stop();
});

test("the README's TypeScript examples compile and print what the README shows", async () => {
  const snippets = markedBlocks().filter((block) => block.language === "ts");
  assert.ok(snippets.length >= 3, "the README's TypeScript examples are marked to run");
  const source = snippets.map((block) => block.text).join("\n");
  const flags = COMPILE_AND_RUN.exec(readme)?.groups?.flags;
  assert.ok(flags, "the README says how to compile the examples");

  // build/ is inside the package, so the module imports "@switchyard/client" as the
  // README's try.mts does; a directory of its own keeps concurrent runs apart.
  await mkdir(resolve(packageRoot, "build"), { recursive: true });
  const directory = await mkdtemp(resolve(packageRoot, "build", "readme-"));
  try {
    await writeFile(join(directory, MODULE_NAME), source.replaceAll(README_BASE_URL, server.url.replace(/\/rpc$/, "")));
    const tsc = resolve(packageRoot, "node_modules", ".bin", "tsc");
    await run(tsc, [...flags.split(/\s+/), MODULE_NAME], { cwd: directory }).catch((error: { stdout?: string }) => {
      assert.fail(`the examples do not compile:\n${error.stdout ?? String(error)}`);
    });
    const { stdout } = await run(process.execPath, ["try.mjs"], { cwd: directory, timeout: 60_000 });

    const printed = stdout.trimEnd().split("\n");
    const shown = shownOutput(source);
    assert.equal(printed.length, shown.length, `printed:\n${stdout}\nshown:\n${shown.join("\n")}`);
    shown.forEach((line, index) => {
      assert.ok(matches(line, printed[index] ?? ""), `line ${index + 1}: shown ${line}, printed ${printed[index]}`);
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test("an elision in a shown line stands for any text, the rest must be as shown", () => {
  assert.ok(matches("email taken …", "email taken 3f0c9a"));
  assert.ok(matches("[ 'Ana Silva' ]", "[ 'Ana Silva' ]"));
  assert.ok(!matches("[ 'Ana Silva' ]", "[ 'Ana Silva', 'Mai Tran' ]"));
  assert.ok(!matches("manager", "technician"));
});
