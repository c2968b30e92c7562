/** A scripted `fetch` for runtime tests: records each request, answers from a function. */
import type { Fetch } from "../../src/index.js";

export interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface Reply {
  readonly status: number;
  /** JSON to send; a string is sent as it is (to fake a proxy's HTML page). */
  readonly body?: unknown;
}

export function fakeFetch(answer: (body: unknown) => Reply): { fetch: Fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: Fetch = async (url, init) => {
    const body: unknown = JSON.parse(init.body);
    sent.push({ url, headers: init.headers, body });
    const reply = answer(body);
    const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return { status: reply.status, text: async () => text };
  };
  return { fetch, sent };
}

/** A JSON-RPC error object as the server shapes it. */
export function wireError(code: number, key: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    message: `${key} happened`,
    data: { code: key, httpStatus: 400, path: null, correlationId: "cid", ...extra },
  };
}
