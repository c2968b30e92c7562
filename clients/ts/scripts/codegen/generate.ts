/**
 * openrpc.json → the text of every src/*.gen.ts file. Pure (no file system), so the
 * drift test can compare what it would write with what is committed.
 */
import { ContractError, type JsonSchema, readContract } from "./contract.js";
import { methodTypeStem, NameRegistry, schemaTypeName } from "./names.js";
import { renderProcedures, type TypedMethod } from "./procedures.js";
import { compileSchemas, type NamedSchema, prepareSchema } from "./schemas.js";

export const GENERATED_SUFFIX = ".gen.ts";

export async function generate(document: unknown): Promise<Map<string, string>> {
  const contract = readContract(document);
  const header = [
    "/*",
    ` * Generated from openrpc.json (${contract.title} ${contract.version}) by \`npm run generate\`.`,
    " * Do not edit: change the server, then run `make openrpc` (or `switchyard gen-client`).",
    " */",
  ].join("\n");
  const names = new NameRegistry();
  const componentTypes = new Map<string, string>();
  for (const key of Object.keys(contract.schemas)) {
    componentTypes.set(key, names.claim(schemaTypeName(key), `schema ${key}`));
  }
  const typeOfComponent = (key: string): string => {
    const name = componentTypes.get(key);
    if (name === undefined) throw new ContractError(`$ref to unknown schema ${key}`);
    return name;
  };

  const named: NamedSchema[] = Object.entries(contract.schemas).map(([key, schema]) => ({
    name: typeOfComponent(key),
    schema: prepareSchema(schema, typeOfComponent, `components.schemas.${key}`),
  }));
  const typed: TypedMethod[] = contract.methods.map((method) => {
    const stem = methodTypeStem(method.name);
    const params = names.claim(`${stem}Params`, `params of ${method.name}`);
    const result = names.claim(`${stem}Result`, `result of ${method.name}`);
    named.push(
      { name: params, schema: prepareSchema(paramsSchema(method.params, method.summary), typeOfComponent, `${method.name} params`) },
      { name: result, schema: prepareSchema(method.result, typeOfComponent, `${method.name} result`) },
    );
    return { method, params, result };
  });

  return new Map([
    [`schemas${GENERATED_SUFFIX}`, `${header}\n\n${await compileSchemas(named)}\n`],
    [`procedures${GENERATED_SUFFIX}`, `${header}\n\n${renderProcedures(typed)}\n`],
  ]);
}

/** The params of a by-name method as one object schema; unknown names are refused, as the server does. */
function paramsSchema(params: TypedMethod["method"]["params"], summary: string | undefined): JsonSchema {
  return {
    type: "object",
    ...(summary === undefined ? {} : { description: `Params of: ${summary}` }),
    properties: Object.fromEntries(
      params.map((param) => [
        param.name,
        param.description === undefined ? param.schema : { ...param.schema, description: param.description },
      ]),
    ),
    required: params.filter((param) => param.required).map((param) => param.name),
    additionalProperties: false,
  };
}
