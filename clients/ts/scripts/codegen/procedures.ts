/**
 * The text of procedures.gen.ts: the `Procedures` interface (kind, params, result and
 * declared errors of each method), the nested `ProcedureTree` the client's proxy type
 * walks, and `procedureInfo`, the same facts as a value for code that needs them at
 * run time. The runtime never lists methods itself, so a new namespace only needs this
 * file regenerated.
 */
import { ContractError, type Method } from "./contract.js";
import { methodSegments, propertyKey } from "./names.js";

/** A method with the names of its generated Params and Result types. */
export interface TypedMethod {
  readonly method: Method;
  readonly params: string;
  readonly result: string;
}

/** A namespace: children by segment; a leaf is the method it names. */
type TreeNode = Map<string, TreeNode | TypedMethod>;

export function renderProcedures(methods: readonly TypedMethod[]): string {
  return [
    'import type * as S from "./schemas.gen.js";',
    renderInterface(methods),
    "/** A method's full dotted name. */\nexport type MethodName = keyof Procedures;",
    renderTree(buildTree(methods)),
    renderInfo(methods),
  ].join("\n\n");
}

function renderInterface(methods: readonly TypedMethod[]): string {
  const entries = methods.map(({ method, params, result }) => {
    const errors = method.errors.length === 0 ? "never" : method.errors.map((key) => JSON.stringify(key)).join(" | ");
    return [
      ...docComment(method.summary, "  "),
      `  ${JSON.stringify(method.name)}: {`,
      `    kind: ${JSON.stringify(method.kind)};`,
      `    params: S.${params};`,
      `    result: S.${result};`,
      `    errors: ${errors};`,
      "  };",
    ].join("\n");
  });
  return ["/** Every procedure: its kind, params, result and the error keys it declares. */", "export interface Procedures {", ...entries, "}"].join("\n");
}

function buildTree(methods: readonly TypedMethod[]): TreeNode {
  const root: TreeNode = new Map();
  for (const typed of methods) {
    const segments = methodSegments(typed.method.name);
    const leaf = segments.pop();
    let node = root;
    for (const [depth, segment] of segments.entries()) {
      const child = node.get(segment);
      if (child === undefined) {
        const created: TreeNode = new Map();
        node.set(segment, created);
        node = created;
      } else if (child instanceof Map) {
        node = child;
      } else {
        throw clash(typed.method.name, segments.slice(0, depth + 1).join("."));
      }
    }
    if (leaf === undefined || node.has(leaf)) throw clash(typed.method.name, typed.method.name);
    node.set(leaf, typed);
  }
  return root;
}

/** `a.b` as a method and `a.b.c` cannot both be reached: `client.a.b` is one or the other. */
function clash(method: string, path: string): ContractError {
  return new ContractError(`method ${method}: ${path} is both a method and a namespace (or listed twice)`);
}

function renderTree(root: TreeNode): string {
  return [
    "/** The procedures as nested namespaces; each leaf is the method's full name. */",
    `export interface ProcedureTree ${renderNode(root, "")}`,
  ].join("\n");
}

function renderNode(node: TreeNode, indent: string): string {
  const inner = `${indent}  `;
  const lines = [...node].map(([segment, child]) =>
    child instanceof Map
      ? `${inner}${propertyKey(segment)}: ${renderNode(child, inner)};`
      : [...docComment(child.method.summary, inner), `${inner}${propertyKey(segment)}: ${JSON.stringify(child.method.name)};`].join("\n"),
  );
  return ["{", ...lines, `${indent}}`].join("\n");
}

function renderInfo(methods: readonly TypedMethod[]): string {
  const entries = methods.map(({ method }) =>
    [
      `  ${JSON.stringify(method.name)}: {`,
      `    kind: ${JSON.stringify(method.kind)},`,
      `    errors: ${JSON.stringify(method.errors)},`,
      `    roles: ${JSON.stringify(method.roles)},`,
      "  },",
    ].join("\n"),
  );
  return [
    "/** Each procedure's kind, declared errors and roles as a value (checked against `Procedures`). */",
    "export const procedureInfo = {",
    ...entries,
    "} as const satisfies {",
    "  readonly [M in MethodName]: {",
    '    readonly kind: Procedures[M]["kind"];',
    '    readonly errors: readonly Procedures[M]["errors"][];',
    "    readonly roles: readonly string[];",
    "  };",
    "};",
  ].join("\n");
}

function docComment(text: string | undefined, indent: string): string[] {
  return text === undefined ? [] : [`${indent}/** ${text.replaceAll("*/", "*\\/")} */`];
}
