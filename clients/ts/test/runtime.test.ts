/**
 * The runtime against a scripted fetch: what goes on the wire and how answers are
 * read, including the answers the live server is unlikely to give (out-of-order batch
 * responses, a proxy's HTML error page) but the spec or the network allow.
 */
import assert from "node:assert/strict";
import { test } from "node:test";

import { createClient, isRpcError, RpcError, TransportError } from "../src/index.js";
import { fakeFetch, wireError } from "./support/fake-fetch.js";

const url = "http://rpc.test/rpc";
type Envelope = { id?: number; method: string; params?: unknown };

const echoResult = (body: unknown) => {
  const request = body as Envelope;
  return { status: 200, body: { jsonrpc: "2.0", id: request.id, result: { method: request.method } } };
};

test("a call posts one JSON-RPC request with the dotted method name and params by name", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  const client = createClient({ url, fetch });
  const result: unknown = await client.admin.setUserRole({ user_id: "u-1", role: "manager" });
  assert.deepEqual(result, { method: "admin.setUserRole" });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.url, url);
  assert.deepEqual(sent[0]?.body, {
    jsonrpc: "2.0",
    method: "admin.setUserRole",
    params: { user_id: "u-1", role: "manager" },
    id: 1,
  });
  assert.equal(sent[0]?.headers["content-type"], "application/json");
});

test("paths of any depth become dotted names, and a call without params sends none", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  // A method the contract does not (yet) have: the proxy builds names from any path.
  const untyped = createClient({ url, fetch }) as unknown as { studio: { template: { create(): Promise<unknown> } } };
  await untyped.studio.template.create();
  assert.deepEqual(sent[0]?.body, { jsonrpc: "2.0", method: "studio.template.create", id: 1 });
});

test("then is never a method, so awaiting the client or a namespace sends nothing", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  const client = createClient({ url, fetch });
  assert.equal((client as unknown as { then?: unknown }).then, undefined);
  assert.equal((client.auth as unknown as { then?: unknown }).then, undefined);
  const awaited: unknown = await client.auth;
  assert.equal(typeof awaited, "function");
  assert.equal(sent.length, 0);
});

test("the token and correlation id are set per client and overridden per call", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  let token: string | undefined = "first";
  const client = createClient({ url, fetch, token: () => token, correlationId: "client-cid", headers: { "X-App": "tests" } });
  await client.auth.me();
  token = "second";
  await client.auth.me(undefined, { correlationId: "call-cid" });
  await client.auth.me({}, { token: "call-token" });
  await client.auth.me({}, { token: null });
  const seen = sent.map(({ headers }) => [headers["authorization"], headers["x-correlation-id"], headers["x-app"]]);
  assert.deepEqual(seen, [
    ["Bearer first", "client-cid", "tests"],
    ["Bearer second", "call-cid", "tests"],
    ["Bearer call-token", "client-cid", "tests"],
    [undefined, "client-cid", "tests"],
  ]);
});

test("an error answer throws RpcError with the number, message and data", async () => {
  const { fetch } = fakeFetch((body) => ({
    status: 200,
    body: { jsonrpc: "2.0", id: (body as Envelope).id, error: wireError(-32004, "NOT_FOUND", { path: "admin.setUserRole" }) },
  }));
  const client = createClient({ url, fetch });
  const error: unknown = await client.admin.setUserRole({ user_id: "x", role: "admin" }).catch((e: unknown) => e);
  assert.ok(error instanceof RpcError);
  assert.equal(error.code, -32004);
  assert.equal(error.message, "NOT_FOUND happened");
  assert.equal(error.data.path, "admin.setUserRole");
  assert.ok(isRpcError(error, "NOT_FOUND"));
  assert.ok(!isRpcError(error, "CONFLICT", "FORBIDDEN"));
});

test("an error without data.code gets its key from the number", async () => {
  const { fetch } = fakeFetch((body) => ({
    status: 200,
    body: { jsonrpc: "2.0", id: (body as Envelope).id, error: { code: -32601, message: "Method not found" } },
  }));
  const outcome = await createClient({ url, fetch }).$safe.auth.me();
  assert.ok(!outcome.ok);
  assert.equal(outcome.error.data.code, "METHOD_NOT_FOUND");
  assert.equal(outcome.error.data.correlationId, null);
});

test("a body refused before reading (413, id null) is the call's error", async () => {
  const { fetch } = fakeFetch(() => ({
    status: 413,
    body: { jsonrpc: "2.0", id: null, error: wireError(-32013, "PAYLOAD_TOO_LARGE", { maxBodyBytes: 10 }) },
  }));
  const error: unknown = await createClient({ url, fetch }).auth.me().catch((e: unknown) => e);
  assert.ok(isRpcError(error, "PAYLOAD_TOO_LARGE"));
  assert.equal(error.data.maxBodyBytes, 10);
});

test("a non-JSON-RPC answer (a proxy's HTML page) is a TransportError with the status", async () => {
  const { fetch } = fakeFetch(() => ({ status: 502, body: "<html>Bad gateway</html>" }));
  const error: unknown = await createClient({ url, fetch }).auth.me().catch((e: unknown) => e);
  assert.ok(error instanceof TransportError);
  assert.equal(error.status, 502);
});

test("$safe turns server errors into outcomes but still throws transport failures", async () => {
  const failing = fakeFetch(() => ({ status: 502, body: "down" }));
  await assert.rejects(createClient({ url, fetch: failing.fetch }).$safe.auth.me(), TransportError);
  const ok = await createClient({ url, fetch: fakeFetch(echoResult).fetch }).$safe.auth.me();
  assert.deepEqual(ok, { ok: true, result: { method: "auth.me" } });
});

test("a batch is one request, and answers are matched by id whatever their order", async () => {
  const { fetch, sent } = fakeFetch((body) => {
    const calls = body as Envelope[];
    const answers = calls.map((call) =>
      call.method === "admin.setUserRole"
        ? { jsonrpc: "2.0", id: call.id, error: wireError(-32004, "NOT_FOUND") }
        : { jsonrpc: "2.0", id: call.id, result: call.method },
    );
    return { status: 200, body: answers.reverse() };
  });
  const client = createClient({ url, fetch });
  const [me, users, role] = await client.$batch((b) => [
    b.auth.me(),
    b.profile.getAllUsers(),
    b.admin.setUserRole({ user_id: "nobody", role: "manager" }),
  ]);
  assert.equal(sent.length, 1);
  assert.deepEqual((sent[0]?.body as Envelope[]).map((call) => call.id), [1, 2, 3]);
  assert.deepEqual(me, { ok: true, result: "auth.me" });
  assert.deepEqual(users, { ok: true, result: "profile.getAllUsers" });
  assert.ok(!role.ok && role.error.data.code === "NOT_FOUND");
});

test("an empty batch is refused before anything is sent", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  const client = createClient({ url, fetch });
  const empty = client.$batch as unknown as (build: () => unknown[]) => Promise<unknown>;
  await assert.rejects(empty(() => []), /at least one call/);
  assert.equal(sent.length, 0);
});

test("a batch refused as a whole rejects with the server's error", async () => {
  const { fetch } = fakeFetch(() => ({
    status: 200,
    body: { jsonrpc: "2.0", id: null, error: wireError(-32600, "BAD_REQUEST", { maxBatchSize: 1 }) },
  }));
  const error: unknown = await createClient({ url, fetch })
    .$batch((b) => [b.auth.me(), b.auth.me()])
    .catch((e: unknown) => e);
  assert.ok(isRpcError(error, "BAD_REQUEST"));
  assert.equal(error.data.maxBatchSize, 1);
});

test("INVALID_PARAMS carries its first issues and, when some were left out, their count", async () => {
  const issues = Array.from({ length: 20 }, (_, i) => ({ path: [`k${i}`], message: "Extra inputs are not permitted", type: "extra_forbidden" }));
  const { fetch } = fakeFetch((body) => ({
    status: 200,
    body: {
      jsonrpc: "2.0",
      id: (body as Envelope).id,
      error: wireError(-32602, "INVALID_PARAMS", { issues, issueCount: 116000 }),
    },
  }));
  const outcome = await createClient({ url, fetch }).$safe.auth.login({ email: "a@example.com", password: "pw" });
  assert.ok(!outcome.ok && outcome.error.data.code === "INVALID_PARAMS");
  assert.equal(outcome.error.data.issues?.length, 20);
  assert.equal(outcome.error.data.issueCount, 116000);
});

test("a batch answer missing a call, or answering one twice, is a TransportError", async () => {
  const answerFirstOnly = fakeFetch((body) => ({
    status: 200,
    body: [{ jsonrpc: "2.0", id: (body as Envelope[])[0]?.id, result: 1 }],
  }));
  await assert.rejects(
    createClient({ url, fetch: answerFirstOnly.fetch }).$batch((b) => [b.auth.me(), b.auth.me()]),
    (error: unknown) => error instanceof TransportError && /no response for id 2/.test(error.message),
  );
  const answerTwice = fakeFetch((body) => {
    const id = (body as Envelope[])[0]?.id;
    return { status: 200, body: [{ jsonrpc: "2.0", id, result: 1 }, { jsonrpc: "2.0", id, result: 2 }] };
  });
  await assert.rejects(
    createClient({ url, fetch: answerTwice.fetch }).$batch((b) => [b.auth.me(), b.auth.me()]),
    TransportError,
  );
});

test("a notification has no id and resolves on 204", async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 204 }));
  const client = createClient({ url, fetch });
  const nothing: unknown = await client.$notify.profile.updateProfile({ full_name: "Mai", email: "mai@example.com" });
  assert.equal(nothing, undefined);
  assert.deepEqual(sent[0]?.body, {
    jsonrpc: "2.0",
    method: "profile.updateProfile",
    params: { full_name: "Mai", email: "mai@example.com" },
  });
});

test("a notification the server refuses (415) rejects with its error", async () => {
  const { fetch } = fakeFetch(() => ({
    status: 415,
    body: { jsonrpc: "2.0", id: null, error: wireError(-32015, "UNSUPPORTED_MEDIA_TYPE") },
  }));
  await assert.rejects(createClient({ url, fetch }).$notify.auth.logout(), (error: unknown) =>
    isRpcError(error, "UNSUPPORTED_MEDIA_TYPE"),
  );
});

test("params by position are refused before sending", async () => {
  const { fetch, sent } = fakeFetch(echoResult);
  const client = createClient({ url, fetch }) as unknown as { auth: { login(p: unknown): Promise<unknown> } };
  await assert.rejects(client.auth.login(["a", "b"]), /by name/);
  assert.equal(sent.length, 0);
});
