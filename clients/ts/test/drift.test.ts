/**
 * Drift: src/*.gen.ts is exactly what the generator makes of the committed
 * openrpc.json. Fails when the server's contract changed and nobody regenerated (run
 * `make openrpc`), or when someone edited a generated file by hand.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { GENERATED_SUFFIX, generate } from "../scripts/codegen/generate.js";
import { openrpcPath, srcDir } from "./support/paths.js";

test("regenerating from openrpc.json changes nothing in src/*.gen.ts", async () => {
  const files = await generate(JSON.parse(readFileSync(openrpcPath, "utf8")));
  const committed = readdirSync(srcDir).filter((name) => name.endsWith(GENERATED_SUFFIX));
  assert.deepEqual(committed.sort(), [...files.keys()].sort(), "generated files added or removed");
  for (const [name, text] of files) {
    assert.equal(readFileSync(join(srcDir, name), "utf8"), text, `${name} is stale: run \`make openrpc\``);
  }
});
