/**
 * One HTTP exchange with `POST /rpc`. Knows HTTP (statuses, bodies), not JSON-RPC
 * semantics: it hands back the parsed answer, or undefined for 204 (the server's answer
 * to notifications), and turns everything that is not a JSON-RPC answer into a
 * TransportError.
 */
import { TransportError } from "./errors.js";
import { readResponse } from "./jsonrpc.js";

/** The part of a fetch Response this client reads. */
export interface FetchResponse {
  readonly status: number;
  text(): Promise<string>;
}

/** The part of the platform `fetch` this client uses; pass your own to test or proxy. */
export type Fetch = (
  url: string,
  init: {
    method: "POST";
    headers: Record<string, string>;
    body: string;
    signal?: AbortSignal;
  },
) => Promise<FetchResponse>;

export interface Exchange {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload: unknown;
  readonly signal?: AbortSignal | undefined;
}

export async function post(fetch: Fetch, exchange: Exchange): Promise<unknown> {
  let response: FetchResponse;
  let text: string;
  try {
    response = await fetch(exchange.url, {
      method: "POST",
      headers: exchange.headers,
      body: JSON.stringify(exchange.payload),
      ...(exchange.signal === undefined ? {} : { signal: exchange.signal }),
    });
    text = await response.text();
  } catch (cause) {
    throw new TransportError(`POST ${exchange.url} failed: ${String(cause)}`, undefined, { cause });
  }
  if (response.status === 204) return undefined;
  const answer = parseJson(text, response.status);
  // Every processed body is answered with 200. The server refuses some bodies before
  // reading them (413 too large, 415 wrong Content-Type) but still sends a JSON-RPC
  // error, which is worth more to the caller than a bare status: pass it on.
  if (response.status !== 200 && !isErrorAnswer(answer)) {
    throw new TransportError(`POST ${exchange.url} answered HTTP ${response.status}`, response.status);
  }
  return answer;
}

function parseJson(text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TransportError(`HTTP ${status}: the answer is not JSON`, status, { cause });
  }
}

function isErrorAnswer(answer: unknown): boolean {
  try {
    return !readResponse(answer).ok;
  } catch {
    return false;
  }
}
