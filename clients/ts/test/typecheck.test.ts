/**
 * The type tests. accepts.ts must compile cleanly. rejects.ts must compile too (every
 * `@ts-expect-error` used), and with the directives removed each marked line must fail
 * with the code its directive names, and no other line may fail: that is what proves a
 * directive catches the mistake it describes rather than some accidental error.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import ts from "typescript";

import { describe, typeCheck } from "./support/compile.js";
import { srcDir, typeTestsDir } from "./support/paths.js";

const accepts = resolve(typeTestsDir, "accepts.ts");
const rejects = resolve(typeTestsDir, "rejects.ts");
const DIRECTIVE = /^\s*\/\/ @ts-expect-error TS(\d+) (.+)$/;

interface Expectation {
  readonly line: number;
  readonly code: number;
  readonly why: string;
}

function expectations(text: string): Expectation[] {
  return text.split("\n").flatMap((line, index) => {
    const match = DIRECTIVE.exec(line);
    // The directive covers the next line: 1-based, that is index + 2.
    return match ? [{ line: index + 2, code: Number(match[1]), why: match[2] ?? "" }] : [];
  });
}

test("accepts.ts type-checks", () => {
  const diagnostics = typeCheck([accepts]);
  assert.equal(diagnostics.length, 0, describe(diagnostics));
});

test("rejects.ts type-checks with its directives (each one is used)", () => {
  const diagnostics = typeCheck([rejects]);
  assert.equal(diagnostics.length, 0, describe(diagnostics));
});

test("every rejected line fails with its named code once the directive is gone", () => {
  const text = readFileSync(rejects, "utf8");
  const expected = expectations(text);
  assert.ok(expected.length >= 20, `found only ${expected.length} @ts-expect-error lines`);
  const directives = text.match(/^\s*\/\/ @ts-expect-error/gm) ?? [];
  assert.equal(expected.length, directives.length, "a directive without a TS code and a reason");
  // Blank the directives but keep the line count, so line numbers stay put.
  const stripped = text.replace(/\/\/ @ts-expect-error .*/g, "//");
  const diagnostics = typeCheck([rejects], new Map([[rejects, stripped]]));
  const inFile = diagnostics.filter((d) => d.file === rejects);
  assert.deepEqual(
    diagnostics.filter((d) => d.file !== rejects),
    [],
    "removing the directives broke another file",
  );
  for (const { line, code, why } of expected) {
    const onLine = inFile.filter((d) => d.line === line);
    assert.deepEqual(
      onLine.map((d) => d.code),
      [code],
      `line ${line} (${why}) should fail with TS${code} only; got:\n${describe(onLine)}`,
    );
  }
  const unexpected = inFile.filter((d) => !expected.some((e) => e.line === d.line));
  assert.deepEqual(unexpected, [], `lines fail that no directive marks:\n${describe(unexpected)}`);
});

test("no public type of the package uses `any`", () => {
  const offenders: string[] = [];
  for (const name of readdirSync(srcDir).filter((file) => file.endsWith(".ts"))) {
    const path = join(srcDir, name);
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        offenders.push(`${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(offenders, []);
});
