/**
 * The part of an OpenRPC document the generator reads, checked on the way in. Anything
 * the client could not honour (by-position params, an unknown error key, a `$ref` it
 * cannot resolve) stops generation with a message naming the method, rather than
 * producing a client that compiles and then misbehaves.
 */
import { ERROR_CODES, type ErrorKey, isErrorKey } from "../../src/errors.js";

/** A JSON Schema as it appears in the document (any JSON object). */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface Param {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly description: string | undefined;
}

export interface Method {
  readonly name: string;
  readonly kind: "query" | "mutation";
  readonly summary: string | undefined;
  readonly params: readonly Param[];
  readonly result: JsonSchema;
  readonly errors: readonly ErrorKey[];
  readonly roles: readonly string[];
}

export interface Contract {
  readonly title: string;
  readonly version: string;
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  readonly methods: readonly Method[];
}

export class ContractError extends Error {
  override readonly name = "ContractError";
}

export function readContract(document: unknown): Contract {
  const doc = object(document, "the document");
  const info = object(doc["info"], "info");
  const components = doc["components"] === undefined ? {} : object(doc["components"], "components");
  const schemas = components["schemas"] === undefined ? {} : object(components["schemas"], "components.schemas");
  return {
    title: string(info["title"], "info.title"),
    version: string(info["version"], "info.version"),
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([key, schema]) => [key, object(schema, `components.schemas.${key}`)]),
    ),
    methods: array(doc["methods"], "methods").map(readMethod),
  };
}

function readMethod(value: unknown, index: number): Method {
  const method = object(value, `methods[${index}]`);
  const name = string(method["name"], `methods[${index}].name`);
  const where = `method ${name}`;
  const structure = method["paramStructure"];
  // The client sends params by name; a method that takes them by position cannot be
  // called by it, so that is a contract error, not a silent mismatch.
  if (structure !== undefined && structure !== "by-name") {
    throw new ContractError(`${where}: paramStructure is ${String(structure)}, the client sends params by name`);
  }
  const kind = method["x-procedure-type"];
  if (kind !== "query" && kind !== "mutation") {
    throw new ContractError(`${where}: x-procedure-type must be "query" or "mutation", not ${String(kind)}`);
  }
  const result = object(method["result"], `${where}: result`);
  return {
    name,
    kind,
    summary: optionalString(method["summary"], `${where}: summary`),
    params: array(method["params"], `${where}: params`).map((param, i) => readParam(param, `${where}: params[${i}]`)),
    result: object(result["schema"], `${where}: result.schema`),
    errors: (method["errors"] === undefined ? [] : array(method["errors"], `${where}: errors`)).map((error, i) =>
      readErrorKey(error, `${where}: errors[${i}]`),
    ),
    roles: (method["x-roles"] === undefined ? [] : array(method["x-roles"], `${where}: x-roles`)).map((role, i) =>
      string(role, `${where}: x-roles[${i}]`),
    ),
  };
}

function readParam(value: unknown, where: string): Param {
  const param = object(value, where);
  if ("$ref" in param) throw new ContractError(`${where}: content descriptor $refs are not supported`);
  return {
    name: string(param["name"], `${where}.name`),
    schema: object(param["schema"], `${where}.schema`),
    // OpenRPC's default: a param is optional unless it says otherwise.
    required: param["required"] === true,
    description: optionalString(param["description"], `${where}.description`),
  };
}

/** The key of a declared error, which must be one the runtime's table knows, with its number. */
function readErrorKey(value: unknown, where: string): ErrorKey {
  const error = object(value, where);
  const data = object(error["data"], `${where}.data`);
  const key = data["code"];
  if (!isErrorKey(key)) {
    throw new ContractError(
      `${where}: data.code ${JSON.stringify(key)} is not a known error key; add it to src/errors.ts first`,
    );
  }
  if (error["code"] !== ERROR_CODES[key]) {
    throw new ContractError(`${where}: ${key} has number ${String(error["code"])}, the table says ${ERROR_CODES[key]}`);
  }
  return key;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ContractError(`${where} must be an object`);
  }
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ContractError(`${where} must be an array`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== "string") throw new ContractError(`${where} must be a string`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : string(value, where);
}
