/**
 * The error model of the wire: every error carries `data.code`, a string key clients
 * switch on, and `data` holds more fields for some keys. The table mirrors
 * `rpc/errors.py` (an integration test compares the two); the generator refuses a
 * contract whose declared errors are not in it, so a new server key cannot slip by.
 *
 * This module imports nothing: the generator reads the table from it too.
 */

/** Each key with its JSON-RPC number (one number per key, so either identifies it). */
export const ERROR_CODES = {
  PARSE_ERROR: -32700,
  BAD_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_SERVER_ERROR: -32603,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  METHOD_NOT_SUPPORTED: -32005,
  TIMEOUT: -32008,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
  PAYLOAD_TOO_LARGE: -32013,
  UNSUPPORTED_MEDIA_TYPE: -32015,
  UNPROCESSABLE_CONTENT: -32022,
  TOO_MANY_REQUESTS: -32029,
  CLIENT_CLOSED_REQUEST: -32099,
} as const;

export type ErrorKey = keyof typeof ERROR_CODES;

/**
 * Keys any call can get whatever the method declares: they come from the transport
 * (refused body, unknown method after a server downgrade) or from a server bug, not
 * from the procedure. A method's error type is its declared keys plus these.
 */
export type TransportErrorKey =
  | "PARSE_ERROR"
  | "BAD_REQUEST"
  | "METHOD_NOT_FOUND"
  | "INTERNAL_SERVER_ERROR"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

/** One problem with the params (INVALID_PARAMS): where, what, and pydantic's kind. */
export interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly type: string;
}

/** The fields every error's `data` has. */
export interface BaseErrorData<K extends ErrorKey> {
  readonly code: K;
  readonly httpStatus: number;
  /** The method that failed; null when the body was refused before a method was read. */
  readonly path: string | null;
  readonly correlationId: string | null;
}

/** The fields some keys add to `data` (see `extra=` in the server's code). */
export interface ExtraErrorData {
  readonly INVALID_PARAMS: {
    /** The first problems found, at most 20. */
    readonly issues?: readonly Issue[];
    /** How many problems were found; sent only when `issues` lists fewer. */
    readonly issueCount?: number;
  };
  readonly TOO_MANY_REQUESTS: {
    /** Seconds to wait before calling again. */
    readonly retryAfter: number;
    readonly limit: number;
    readonly window: string;
  };
  readonly PAYLOAD_TOO_LARGE: { readonly maxBodyBytes: number };
  /** Set when a batch held more calls than the server allows. */
  readonly BAD_REQUEST: { readonly maxBatchSize?: number };
}

/** `data` of an error with key K; a union of keys gives a union a switch can narrow. */
export type ErrorData<K extends ErrorKey = ErrorKey> = K extends ErrorKey
  ? BaseErrorData<K> & (K extends keyof ExtraErrorData ? ExtraErrorData[K] : unknown)
  : never;

/** A JSON-RPC error the server answered with. `K` is the set of keys it can have. */
export class RpcError<K extends ErrorKey = ErrorKey> extends Error {
  override readonly name = "RpcError";
  /** The JSON-RPC number, e.g. -32004. */
  readonly code: number;
  readonly data: ErrorData<K>;

  constructor(code: number, message: string, data: ErrorData<K>) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

/**
 * A failure below JSON-RPC: the network, or an answer that is not a JSON-RPC answer to
 * what was sent (a proxy's HTML error page, a missing response for an id). Kept apart
 * from RpcError because no `data.code` exists to switch on.
 */
export class TransportError extends Error {
  override readonly name = "TransportError";
  /** The HTTP status, when a response arrived at all. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/**
 * True when `error` is an RpcError, and (given keys) one of those keys. Narrows `data`:
 * after `isRpcError(e, "TOO_MANY_REQUESTS")`, `e.data.retryAfter` is a number.
 */
export function isRpcError<K extends ErrorKey = ErrorKey>(
  error: unknown,
  ...keys: readonly K[]
): error is RpcError<K> {
  if (!(error instanceof RpcError)) return false;
  const key: ErrorKey = error.data.code;
  return keys.length === 0 || (keys as readonly ErrorKey[]).includes(key);
}

export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

/** The key of a JSON-RPC number, for an error object whose `data.code` is unusable. */
export function errorKeyOf(code: number): ErrorKey | undefined {
  const keys = Object.keys(ERROR_CODES) as ErrorKey[];
  return keys.find((key) => ERROR_CODES[key] === code);
}
