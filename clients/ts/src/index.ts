/**
 * The typed Switchyard client. `export *` everywhere on purpose: should a schema of the
 * contract take the name of a runtime export, the build fails on the ambiguity instead
 * of one silently hiding the other.
 */
export * from "./client.js";
export * from "./errors.js";
export type * from "./types.js";
export type * from "./schemas.gen.js";
export * from "./procedures.gen.js";
export type { Fetch, FetchResponse } from "./transport.js";
