/**
 * JSON-RPC 2.0 envelopes: building requests and reading responses. Everything that
 * arrives is `unknown` until checked here, so a malformed answer becomes a
 * TransportError at the edge instead of a wrong value deep in the caller's code.
 */
import {
  type ErrorData,
  errorKeyOf,
  isErrorKey,
  RpcError,
  TransportError,
} from "./errors.js";

export type RequestId = number;

export interface RequestEnvelope {
  readonly jsonrpc: "2.0";
  readonly method: string;
  readonly params?: object;
  /** Absent for a notification. */
  readonly id?: RequestId;
}

/** A checked response: the id it answers (null when the server could not read one). */
export type ResponseEnvelope =
  | { readonly id: RequestId | null; readonly ok: true; readonly result: unknown }
  | { readonly id: RequestId | null; readonly ok: false; readonly error: RpcError };

export function request(method: string, params: object | undefined, id?: RequestId): RequestEnvelope {
  // Params are sent by name only, and left out when the caller gave none: the server
  // treats a missing params like an empty object.
  return {
    jsonrpc: "2.0",
    method,
    ...(params === undefined ? {} : { params }),
    ...(id === undefined ? {} : { id }),
  };
}

export function readResponse(value: unknown): ResponseEnvelope {
  if (!isObject(value) || value["jsonrpc"] !== "2.0") {
    throw new TransportError("the answer is not a JSON-RPC 2.0 response");
  }
  const id = value["id"];
  if (id !== null && typeof id !== "number") {
    throw new TransportError(`the answer has an id this client never sends: ${JSON.stringify(id)}`);
  }
  if ("error" in value) return { id, ok: false, error: readError(value["error"]) };
  if ("result" in value) return { id, ok: true, result: value["result"] };
  throw new TransportError("the answer has neither result nor error");
}

/**
 * The RpcError of a wire error object. The server always sends `data.code`; should a
 * hop in between answer without it, the key is taken from the number (and an unknown
 * number counts as INTERNAL_SERVER_ERROR), so `data.code` is always a key to switch on.
 */
export function readError(value: unknown): RpcError {
  if (!isObject(value) || typeof value["code"] !== "number" || typeof value["message"] !== "string") {
    throw new TransportError("the answer has a malformed error object");
  }
  const { code, message } = value;
  const data = isObject(value["data"]) ? value["data"] : {};
  const key = isErrorKey(data["code"]) ? data["code"] : (errorKeyOf(code) ?? "INTERNAL_SERVER_ERROR");
  const normalized = {
    ...data,
    code: key,
    httpStatus: typeof data["httpStatus"] === "number" ? data["httpStatus"] : 500,
    path: typeof data["path"] === "string" ? data["path"] : null,
    correlationId: typeof data["correlationId"] === "string" ? data["correlationId"] : null,
  };
  // Checked above: `code` is a key and the base fields have their types. The extra
  // fields of a key (retryAfter, issues) are the server's to send; they are not
  // re-validated, as results are not.
  return new RpcError(code, message, normalized as ErrorData);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
