/**
 * TypeScript names for contract names. Schemas keep their key; methods become
 * PascalCase (`workflow.template.create` → `WorkflowTemplateCreate`). Two names that
 * map to one identifier, or a method the proxy could never reach, stop generation.
 */
import { ContractError } from "./contract.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A schema key as a type name: itself when it is an identifier, else made into one. */
export function schemaTypeName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The stem of a method's type names: `admin.setUserRole` → `AdminSetUserRole`. */
export function methodTypeStem(method: string): string {
  return methodSegments(method)
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The path segments of a method name. `then` cannot be a segment (the proxy never
 * treats it as one, so `await client.x` stays safe), and `$` starts the client's own
 * members (`$batch`, `$notify`, `$safe`).
 */
export function methodSegments(method: string): string[] {
  const segments = method.split(".");
  for (const segment of segments) {
    if (segment === "" || segment === "then" || segment.startsWith("$")) {
      throw new ContractError(`method ${method}: the client cannot reach a segment named ${JSON.stringify(segment)}`);
    }
  }
  return segments;
}

/** A property key as written in a type literal: bare when it can be, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** Records which contract name took each identifier, so a clash names both. */
export class NameRegistry {
  readonly #owners = new Map<string, string>();

  claim(identifier: string, owner: string): string {
    const previous = this.#owners.get(identifier);
    if (previous !== undefined) {
      throw new ContractError(`${owner} and ${previous} would both be named ${identifier}`);
    }
    this.#owners.set(identifier, owner);
    return identifier;
  }
}
