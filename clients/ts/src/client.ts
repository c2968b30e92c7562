/**
 * `createClient`: the proxy tree wired to HTTP. Each mode (`call`, `$safe`, `$notify`,
 * `$batch`) is a few lines over the same `send`; the types in types.ts say what the
 * untyped proxy returns, and this is the one place that casts between the two.
 */
import { matchBatch } from "./batch.js";
import { RpcError, TransportError } from "./errors.js";
import { readResponse, request, type RequestId } from "./jsonrpc.js";
import { isPathKey, pathProxy, type PathHandler } from "./proxy.js";
import { type Fetch, post } from "./transport.js";
import type { BatchCall, CallOptions, Client } from "./types.js";

export interface ClientOptions {
  /** The server's JSON-RPC endpoint, e.g. `http://127.0.0.1:8000/rpc`. */
  readonly url: string | URL;
  /** Sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Defaults to the platform `fetch`. */
  readonly fetch?: Fetch;
  /**
   * Bearer token for every call. A function is asked before each request, so a token
   * obtained later (`auth.login`) or refreshed is picked up without a new client.
   */
  readonly token?: string | (() => string | null | undefined);
  /** X-Correlation-ID for every request (a function may make a fresh one each time). */
  readonly correlationId?: string | (() => string | undefined);
}

export function createClient(options: ClientOptions): Client {
  const url = String(options.url);
  const fetch = options.fetch ?? platformFetch();
  let lastId = 0;
  const nextId = (): RequestId => ++lastId;
  const send = (payload: unknown, call: CallOptions | undefined): Promise<unknown> =>
    post(fetch, { url, headers: headersFor(options, call), payload, signal: call?.signal });

  const callMethod = async (method: string, params: unknown, call: CallOptions | undefined): Promise<unknown> => {
    const id = nextId();
    const answer = await send(request(method, asParams(params), id), call);
    if (answer === undefined) throw new TransportError(`the server sent no answer to ${method}`);
    const response = readResponse(answer);
    // An error with a null id is the server refusing the body before reading it (413,
    // 415): it is the answer to this call all the same.
    if (response.id !== id && !(response.id === null && !response.ok)) {
      throw new TransportError(`the answer to ${method} has id ${String(response.id)}, expected ${id}`);
    }
    if (!response.ok) throw response.error;
    return response.result;
  };

  const handlers: Record<"call" | "safe" | "notify", PathHandler> = {
    call: (path, [params, call]) => callMethod(path.join("."), params, asCallOptions(call)),
    safe: async (path, [params, call]) => {
      try {
        return { ok: true, result: await callMethod(path.join("."), params, asCallOptions(call)) };
      } catch (error) {
        // Only server-reported errors are outcomes; a transport failure says nothing
        // about the call, so it still throws.
        if (error instanceof RpcError) return { ok: false, error };
        throw error;
      }
    },
    notify: async (path, [params, call]) => {
      const answer = await send(request(path.join("."), asParams(params)), asCallOptions(call));
      if (answer === undefined) return;
      // The server answers a notification only when it refused the body (413, 415).
      const response = readResponse(answer);
      throw response.ok ? new TransportError("the server answered a notification with a result") : response.error;
    },
  };

  const batch = async (build: (b: unknown) => unknown, call?: CallOptions): Promise<unknown> => {
    const calls = build(pathProxy((path, [params]) => ({ method: path.join("."), params }), []));
    if (!Array.isArray(calls) || calls.length === 0) {
      throw new TypeError("$batch needs at least one call: the server refuses an empty batch");
    }
    const ids = calls.map(nextId);
    const payload = (calls as BatchCall[]).map(({ method, params }, i) => request(method, asParams(params), ids[i]));
    return matchBatch(await send(payload, call), ids);
  };

  const root = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (!isPathKey(key)) return undefined;
        if (key === "$batch") return batch;
        if (key === "$safe") return pathProxy(handlers.safe, []);
        if (key === "$notify") return pathProxy(handlers.notify, []);
        return pathProxy(handlers.call, [key]);
      },
    },
  );
  // The proxy answers every path the generated types allow; the cast is where the
  // untyped runtime meets the contract (results are the server's to get right).
  return root as Client;
}

function headersFor(options: ClientOptions, call: CallOptions | undefined): Record<string, string> {
  // Lower-case names, so a caller's "content-type" replaces ours instead of doubling it.
  const headers: Record<string, string> = { accept: "application/json" };
  for (const extra of [options.headers, call?.headers]) {
    for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  }
  // The server answers 415 to anything else, so this one is not the caller's to change.
  headers["content-type"] = "application/json";
  const token = call?.token !== undefined ? call.token : resolve(options.token);
  if (token) headers["authorization"] = `Bearer ${token}`;
  const correlationId = call?.correlationId ?? resolve(options.correlationId);
  if (correlationId) headers["x-correlation-id"] = correlationId;
  return headers;
}

function resolve<T>(setting: T | (() => T | null | undefined) | undefined): T | null | undefined {
  return typeof setting === "function" ? (setting as () => T | null | undefined)() : setting;
}

function platformFetch(): Fetch {
  if (typeof globalThis.fetch !== "function") {
    throw new TypeError("no global fetch: pass `fetch` to createClient");
  }
  return (url, init) => globalThis.fetch(url, init);
}

/** By-name params are an object; anything else is a caller bug the types already refuse. */
function asParams(value: unknown): object | undefined {
  if (value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))) return value;
  throw new TypeError("params must be an object (Switchyard takes params by name)");
}

function asCallOptions(value: unknown): CallOptions | undefined {
  return typeof value === "object" && value !== null ? (value as CallOptions) : undefined;
}
