/**
 * Reading the answer to a batch: responses are matched to calls by id, whatever order
 * the server answers in (this server keeps request order; the spec does not promise
 * it), and every call must get exactly one response.
 */
import { type RpcError, TransportError } from "./errors.js";
import { readResponse, type RequestId, type ResponseEnvelope } from "./jsonrpc.js";

export type RawOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: RpcError };

export function matchBatch(answer: unknown, ids: readonly RequestId[]): RawOutcome[] {
  if (answer === undefined) throw new TransportError("the server sent no answer to a batch of calls");
  if (!Array.isArray(answer)) throw refusal(answer);
  const byId = new Map<RequestId, ResponseEnvelope>();
  for (const item of answer) {
    const response = readResponse(item);
    if (response.id === null) {
      // Every call this client sends is well-formed with an id, so an error without one
      // cannot be pinned on a call.
      const detail = response.ok ? "a result" : response.error.message;
      throw new TransportError(`the batch answer holds a response without an id: ${detail}`);
    }
    if (!ids.includes(response.id) || byId.has(response.id)) {
      throw new TransportError(`the batch answer has an unexpected response for id ${response.id}`);
    }
    byId.set(response.id, response);
  }
  return ids.map((id) => {
    const response = byId.get(id);
    if (response === undefined) throw new TransportError(`the batch answer has no response for id ${id}`);
    return response.ok ? { ok: true, result: response.result } : { ok: false, error: response.error };
  });
}

/**
 * A single error object instead of an array: the server refused the whole batch
 * (too many calls, body too large) and ran none of it, so no call has an outcome.
 */
function refusal(answer: unknown): Error {
  const response = readResponse(answer);
  return response.ok ? new TransportError("the server answered a batch with a single result") : response.error;
}
