/**
 * `npm run generate [-- --openrpc FILE] [-- --out DIR]`: writes src/*.gen.ts from the
 * server's openrpc.json (by default the one at the repository root). Also run by
 * `switchyard gen-client` and `make openrpc`.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import { GENERATED_SUFFIX, generate } from "./codegen/generate.js";

const packageRoot = resolve(import.meta.dirname, "..", "..");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      openrpc: { type: "string", default: join(packageRoot, "..", "..", "openrpc.json") },
      out: { type: "string", default: join(packageRoot, "src") },
    },
  });
  const document: unknown = JSON.parse(await readFile(values.openrpc, "utf8"));
  const files = await generate(document);
  // A generated file the contract no longer produces would linger and still compile.
  for (const stale of (await readdir(values.out)).filter((name) => name.endsWith(GENERATED_SUFFIX) && !files.has(name))) {
    await rm(join(values.out, stale));
  }
  for (const [name, text] of files) await writeFile(join(values.out, name), text);
  console.log(`wrote ${[...files.keys()].join(", ")} in ${values.out} from ${values.openrpc}`);
}

main().catch((error: unknown) => {
  console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
