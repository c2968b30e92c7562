/**
 * JSON Schema → TypeScript through json-schema-to-typescript, one named schema at a
 * time. Before compiling, every `$ref` to a component becomes a `tsType` naming that
 * component's type, so each type is declared once (in its own right) and referenced
 * everywhere else; nested `title`s are dropped because the compiler would otherwise
 * declare a type per title ("Email", "Role", "Role1", ...).
 */
import { compile, type JSONSchema } from "json-schema-to-typescript";

import { ContractError, type JsonSchema } from "./contract.js";

const COMPONENT_REF = "#/components/schemas/";

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is a schema, or (for items) a list of schemas. */
const SCHEMA_VALUES = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);

export interface NamedSchema {
  /** The TypeScript type name. */
  readonly name: string;
  readonly schema: JsonSchema;
}

/**
 * A schema with its component `$ref`s replaced by type names and its nested titles
 * dropped. `typeOfComponent` maps a component key to its type name (and throws for an
 * unknown key); `where` names the place for error messages.
 */
export function prepareSchema(
  schema: JsonSchema,
  typeOfComponent: (key: string) => string,
  where: string,
): JsonSchema {
  const ref = schema["$ref"];
  if (ref !== undefined) {
    if (typeof ref !== "string" || !ref.startsWith(COMPONENT_REF)) {
      throw new ContractError(`${where}: only ${COMPONENT_REF}<key> references are supported, not ${String(ref)}`);
    }
    const description = schema["description"];
    return { tsType: typeOfComponent(ref.slice(COMPONENT_REF.length)), ...(description === undefined ? {} : { description }) };
  }
  const prepared: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "title") continue;
    prepared[keyword] = prepareKeyword(keyword, value, typeOfComponent, `${where}.${keyword}`);
  }
  return prepared;
}

function prepareKeyword(
  keyword: string,
  value: unknown,
  typeOfComponent: (key: string) => string,
  where: string,
): unknown {
  const sub = (schema: unknown, at: string): unknown =>
    isSchemaObject(schema) ? prepareSchema(schema, typeOfComponent, at) : schema;
  if (SCHEMA_MAPS.has(keyword) && isSchemaObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, sub(schema, `${where}.${name}`)]));
  }
  if (SCHEMA_LISTS.has(keyword) || (keyword === "items" && Array.isArray(value))) {
    return Array.isArray(value) ? value.map((schema, i) => sub(schema, `${where}[${i}]`)) : value;
  }
  return SCHEMA_VALUES.has(keyword) ? sub(value, where) : value;
}

function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** TypeScript declarations for the named schemas, in the order given. */
export async function compileSchemas(schemas: readonly NamedSchema[]): Promise<string> {
  const declarations: string[] = [];
  for (const { name, schema } of schemas) {
    const source = await compile({ ...schema, title: name } as JSONSchema, name, {
      bannerComment: "",
      // An object schema without `additionalProperties` gets no index signature: a
      // misspelt field on a result is then a type error, which is the point.
      additionalProperties: false,
      declareExternallyReferenced: false,
      strictIndexSignatures: true,
      unknownAny: true,
      format: true,
      style: { printWidth: 100, singleQuote: false, trailingComma: "all" },
    });
    declarations.push(withDeclaredName(source.trim(), name));
  }
  return declarations.join("\n\n");
}

/**
 * The compiler makes its own identifier from the title ("V2rayConfig" becomes
 * "V2RayConfig"), while every reference uses the component's key: declare the key's
 * name so the two always agree.
 */
function withDeclaredName(source: string, name: string): string {
  const declaration = /^export (interface|type) ([A-Za-z_$][A-Za-z0-9_$]*)/m;
  const found = declaration.exec(source);
  if (found === null) {
    throw new Error(`json-schema-to-typescript declared nothing for ${name}`);
  }
  return source.replace(declaration, `export ${found[1]} ${name}`);
}
