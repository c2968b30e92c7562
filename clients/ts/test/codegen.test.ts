/**
 * The generator on contracts other than today's: a namespace that does not exist yet,
 * names nested three deep, and the contracts it must refuse. The generated files are
 * type-checked together with the real runtime, so "a new namespace appears with no
 * hand edits" is checked by tsc, not by reading text.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";

import { ContractError } from "../scripts/codegen/contract.js";
import { generate } from "../scripts/codegen/generate.js";
import { describe, typeCheck } from "./support/compile.js";
import { openrpcPath, srcDir } from "./support/paths.js";

type Doc = { info: object; methods: object[]; components: { schemas: Record<string, object> } };

function contract(): Doc {
  return JSON.parse(readFileSync(openrpcPath, "utf8")) as Doc;
}

function method(name: string, extra: object = {}): object {
  return {
    name,
    summary: `The ${name} procedure`,
    paramStructure: "by-name",
    params: [
      { name: "name", schema: { type: "string", title: "Name" }, required: true },
      { name: "steps", schema: { type: "array", items: { $ref: "#/components/schemas/StudioStep" } }, required: false },
    ],
    result: { name: "result", schema: { $ref: "#/components/schemas/StudioTemplate" } },
    errors: [{ code: -32009, message: "Conflict", data: { code: "CONFLICT", httpStatus: 409 } }],
    "x-procedure-type": "mutation",
    "x-roles": ["manager"],
    ...extra,
  };
}

/** Today's contract plus a `studio` namespace three levels deep. */
function withWorkflow(): Doc {
  const doc = contract();
  doc.methods.push(method("studio.template.create"), method("studio.template.step.list", { "x-procedure-type": "query", errors: [] }));
  doc.components.schemas["StudioStep"] = { type: "object", properties: { title: { type: "string" } }, required: ["title"] };
  doc.components.schemas["StudioTemplate"] = {
    type: "object",
    title: "StudioTemplate",
    properties: { id: { type: "string" }, steps: { type: "array", items: { $ref: "#/components/schemas/StudioStep" } } },
    required: ["id", "steps"],
  };
  return doc;
}

test("a new namespace nested three deep is callable, typed, after one regenerate", async () => {
  const files = await generate(withWorkflow());
  const overrides = new Map([...files].map(([name, text]) => [resolve(srcDir, name), text]));
  const usage = resolve(srcDir, "__studio_usage.ts");
  overrides.set(
    usage,
    [
      'import { createClient, type StudioTemplate, procedureInfo } from "./index.js";',
      'const client = createClient({ url: "http://127.0.0.1/rpc" });',
      "export async function use(): Promise<string> {",
      '  const made: StudioTemplate = await client.studio.template.create({ name: "intake", steps: [{ title: "t" }] });',
      "  const [listed] = await client.$batch((b) => [b.studio.template.step.list({ name: \"intake\" })]);",
      '  const kind: "query" = procedureInfo["studio.template.step.list"].kind;',
      "  void kind;",
      '  // @ts-expect-error a step needs a title (the $ref in the params is typed)',
      "  await client.studio.template.create({ name: \"x\", steps: [{}] });",
      '  return listed.ok ? made.id + listed.result.steps.length : listed.error.data.code;',
      "}",
    ].join("\n"),
  );
  const diagnostics = typeCheck([usage], overrides);
  assert.deepEqual(diagnostics, [], describe(diagnostics));
  assert.match(files.get("procedures.gen.ts") ?? "", /studio: \{\n {4}template: \{\n {6}\/\*\* The studio\.template\.create procedure \*\/\n {6}create: "studio\.template\.create";/);
});

test("a type is declared under its component key, whatever the compiler would name it", async () => {
  // json-schema-to-typescript would declare "V2rayConfig" as "V2RayConfig" while every
  // reference says "V2rayConfig": the generated code would not compile.
  const doc = contract();
  doc.components.schemas["Tls1x3Options"] = { type: "object", title: "Tls1x3Options", properties: { sni: { type: "string" } } };
  doc.methods.push(method("edge.configure", { params: [{ name: "tls", schema: { $ref: "#/components/schemas/Tls1x3Options" }, required: true }] }));
  doc.components.schemas["StudioTemplate"] = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
  const files = await generate(doc);
  assert.match(files.get("schemas.gen.ts") ?? "", /^export interface Tls1x3Options \{/m);
  const overrides = new Map([...files].map(([name, text]) => [resolve(srcDir, name), text]));
  const usage = resolve(srcDir, "__key_usage.ts");
  overrides.set(
    usage,
    [
      'import { createClient, type Tls1x3Options } from "./index.js";',
      'const options: Tls1x3Options = { sni: "example.com" };',
      'export const made = createClient({ url: "http://127.0.0.1/rpc" }).edge.configure({ tls: options });',
    ].join("\n"),
  );
  const diagnostics = typeCheck([usage], overrides);
  assert.deepEqual(diagnostics, [], describe(diagnostics));
});

test("nested titles do not become types of their own", async () => {
  const schemas = (await generate(contract())).get("schemas.gen.ts") ?? "";
  assert.doesNotMatch(schemas, /export (type|interface) (Email|Role|Password)\b/);
  assert.match(schemas, /export interface Profile \{/);
});

for (const [why, change, message] of [
  ["a segment named then", (doc: Doc) => doc.methods.push(method("studio.then")), /segment named "then"/],
  ["a method that is also a namespace", (doc: Doc) => doc.methods.push(method("auth.login.twice")), /both a method and a namespace/],
  ["an unknown error key", (doc: Doc) => doc.methods.push(method("x.y", { errors: [{ code: -1, message: "?", data: { code: "OOPS" } }] })), /not a known error key/],
  ["params by position", (doc: Doc) => doc.methods.push(method("x.y", { paramStructure: "by-position" })), /by name/],
  ["a $ref outside components", (doc: Doc) => doc.methods.push(method("x.y", { result: { name: "r", schema: { $ref: "#/$defs/T" } } })), /references are supported/],
  ["two names for one type", (doc: Doc) => doc.methods.push(method("auth.me_")), /both be named AuthMeParams/],
] as const) {
  test(`the generator refuses ${why}`, async () => {
    const doc = withWorkflow();
    change(doc);
    await assert.rejects(generate(doc), (error: unknown) => error instanceof ContractError && message.test(error.message));
  });
}
