/**
 * The nested proxy behind `client.a.b.c(params)`: every property read extends a path,
 * and calling a node hands the path and the arguments to a handler. It knows nothing
 * of the contract, so a namespace added on the server needs no runtime change.
 */

export type PathHandler = (path: readonly string[], args: readonly unknown[]) => unknown;

/** Property keys that are never procedure names (see `isPathKey`). */
const NOT_A_PATH = new Set(["then"]);

/**
 * `then` is never a method: were it one, every node would look like a promise, and
 * `await client.auth` (or returning a node from an async function) would call
 * `auth.then` on the server. Symbols (Symbol.toPrimitive, inspect hooks) are not
 * names either. The generator refuses a method named with a `then` segment.
 */
export function isPathKey(key: string | symbol): key is string {
  return typeof key === "string" && !NOT_A_PATH.has(key);
}

export function pathProxy(handler: PathHandler, path: readonly string[]): unknown {
  // An arrow function as target: callable (for the apply trap), and with no
  // non-configurable properties whose reads the get trap would have to honour.
  const target = (): void => undefined;
  return new Proxy(target, {
    get: (_target, key) => (isPathKey(key) ? pathProxy(handler, [...path, key]) : undefined),
    apply: (_target, _this, args: unknown[]) => handler(path, args),
  });
}
