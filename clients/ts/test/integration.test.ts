/**
 * The generated client against the real Python server: sign in, a query, a mutation, a
 * batch across namespaces with a success and an error, a notification, and errors read
 * by `data.code`. The tests run in order and share the server and the admin's session.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { type Client, createClient, ERROR_CODES, type Fetch, isRpcError } from "../src/index.js";
import { type RunningServer, startServer } from "./support/server.js";

const ADMIN = { email: "admin@example.com", password: "Harbour-Lights-42" };
const TECHNICIAN = { email: "mai@example.com", password: "Tide-Pool-73", full_name: "Mai Tran", role: "technician" } as const;

let server: RunningServer;
let admin: Client;
let requests = 0;
let adminToken = "";

/** The platform fetch, counting HTTP requests (a batch must be exactly one). */
const countingFetch: Fetch = (url, init) => {
  requests += 1;
  return fetch(url, init);
};

before(async () => {
  server = await startServer();
  const created = await server.cli(["create-admin", "--email", ADMIN.email, "--password", ADMIN.password]);
  assert.match(created, /created admin admin@example\.com/);
  admin = createClient({ url: server.url, fetch: countingFetch, token: () => adminToken });
});

after(async () => {
  await server?.stop();
});

test("logs in and calls a query with the access token", async () => {
  const anonymous = createClient({ url: server.url });
  const tokens = await anonymous.auth.login(ADMIN);
  assert.equal(tokens.user.email, ADMIN.email);
  assert.equal(tokens.user.role, "admin");
  adminToken = tokens.accessToken;

  assert.equal(await anonymous.auth.me(), null, "no token: auth.me answers null");
  const me = await admin.auth.me();
  assert.equal(me?.email, ADMIN.email);
  const profile = await admin.profile.getCurrentUser();
  assert.equal(profile.role, "admin");
});

test("calls a mutation", async () => {
  const created = await admin.admin.createUser(TECHNICIAN);
  assert.equal(created.email, TECHNICIAN.email);
  assert.equal(created.role, "technician");
  assert.equal(created.id, created.user_id);
});

test("a batch across namespaces is one request, with a success and an error", async () => {
  const before = requests;
  const [me, users, missing] = await admin.$batch((b) => [
    b.auth.me(),
    b.profile.getAllUsers(),
    b.admin.setUserRole({ user_id: "no-such-user", role: "manager" }),
  ]);
  assert.equal(requests - before, 1);
  assert.ok(me.ok && me.result?.email === ADMIN.email);
  assert.ok(users.ok);
  assert.deepEqual(users.result.map((user) => user.full_name).sort(), ["Administrator", TECHNICIAN.full_name]);
  assert.ok(!missing.ok);
  assert.equal(missing.error.data.code, "NOT_FOUND");
  assert.equal(missing.error.code, ERROR_CODES.NOT_FOUND);
  assert.equal(missing.error.data.path, "admin.setUserRole");
});

test("a notification runs on the server and resolves with nothing", async () => {
  const sent = await admin.$notify.profile.updateProfile({ full_name: "Harbour Master", email: ADMIN.email });
  assert.equal(sent, undefined);
  // The only way to see a notification worked is its effect.
  assert.equal((await admin.profile.getCurrentUser()).full_name, "Harbour Master");
});

test("errors are RpcErrors with data.code, the path and the per-call correlation id", async () => {
  const duplicate = await admin.admin.createUser(TECHNICIAN, { correlationId: "ts-it-duplicate" }).catch((e: unknown) => e);
  assert.ok(isRpcError(duplicate, "CONFLICT"), String(duplicate));
  assert.equal(duplicate.data.httpStatus, 409);
  assert.equal(duplicate.data.path, "admin.createUser");
  assert.equal(duplicate.data.correlationId, "ts-it-duplicate");

  const anonymous = await admin.profile.getCurrentUser(undefined, { token: null }).catch((e: unknown) => e);
  assert.ok(isRpcError(anonymous, "UNAUTHORIZED"), String(anonymous));

  const weak = await admin.$safe.admin.createUser({ ...TECHNICIAN, email: "weak@example.com", password: "short" });
  assert.ok(!weak.ok && weak.error.data.code === "INVALID_PARAMS");
  assert.ok(weak.error.data.issues?.some((issue) => issue.path.includes("password")));
});

test("a client-wide correlation id and the signed-in technician's FORBIDDEN", async () => {
  const tokens = await createClient({ url: server.url }).auth.login({ email: TECHNICIAN.email, password: TECHNICIAN.password });
  const technician = createClient({ url: server.url, token: tokens.accessToken, correlationId: "ts-it-technician" });
  const outcome = await technician.$safe.admin.createUser({ ...TECHNICIAN, email: "other@example.com" });
  assert.ok(!outcome.ok);
  assert.equal(outcome.error.data.code, "FORBIDDEN");
  assert.equal(outcome.error.data.correlationId, "ts-it-technician");
});

test("an oversized body is refused with HTTP 413 and read as PAYLOAD_TOO_LARGE", async () => {
  const huge = "x".repeat(server.maxBodyBytes);
  const error = await admin.auth.login({ email: ADMIN.email, password: huge }).catch((e: unknown) => e);
  assert.ok(isRpcError(error, "PAYLOAD_TOO_LARGE"), String(error));
  assert.equal(error.data.maxBodyBytes, server.maxBodyBytes);
});

test("the client's error table is the server's", async () => {
  const table: unknown = JSON.parse(
    await server.python("import json; from rpc.errors import ErrorCode; print(json.dumps({c.name: c.number for c in ErrorCode}))"),
  );
  assert.deepEqual(table, ERROR_CODES);
});
