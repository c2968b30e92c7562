/**
 * Uses of the client that must NOT type-check. Each `@ts-expect-error` names the
 * diagnostic it expects; test/typecheck.test.ts removes the directives and checks that
 * each line then fails with exactly that code (and that nothing else fails), so no
 * directive here can pass by swallowing some other, accidental error.
 */
import { createClient, isRpcError } from "../../src/index.js";

const client = createClient({ url: "http://127.0.0.1:8000/rpc" });

export async function wrongParams(): Promise<void> {
  // @ts-expect-error TS2322 wrong param type: a number where the email string goes
  await client.auth.login({ email: 42, password: "pw" });
  // @ts-expect-error TS2322 wrong param type: "owner" is not one of the role names
  await client.admin.setUserRole({ user_id: "u-1", role: "owner" });
  // @ts-expect-error TS2345 missing required param: password
  await client.auth.login({ email: "a@example.com" });
  // @ts-expect-error TS2554 missing params altogether on a method with required ones
  await client.auth.login();
  // @ts-expect-error TS2353 unknown param: the server refuses unknown fields, so do the types
  await client.auth.login({ email: "a@example.com", password: "pw", remember: true });
  // @ts-expect-error TS2345 params by position: Switchyard takes them by name only
  await client.auth.login(["a@example.com", "pw"]);
}

export async function unknownMethods(): Promise<void> {
  // @ts-expect-error TS2339 unknown method in a known namespace
  await client.auth.signIn({ email: "a@example.com", password: "pw" });
  // @ts-expect-error TS2339 unknown namespace
  await client.billing.getInvoice({ id: "i-1" });
  // @ts-expect-error TS2349 a namespace is not callable
  await client.auth();
  // @ts-expect-error TS2339 unknown method inside a batch
  await client.$batch((b) => [b.auth.whoAmI()]);
  // @ts-expect-error TS2339 unknown method as a notification
  await client.$notify.profile.deleteEverything();
}

export async function wrongUseOfResults(): Promise<void> {
  const profile = await client.profile.getCurrentUser();
  // @ts-expect-error TS2322 wrong use of a result: full_name is a string
  const count: number = profile.full_name;
  // @ts-expect-error TS2551 a misspelt result field (the contract says full_name)
  void profile.fullName;
  const me = await client.auth.me();
  // @ts-expect-error TS18047 auth.me may return null: using it unchecked is refused
  void me.email;
  // @ts-expect-error TS2322 a notification has no result
  const nothing: string = await client.$notify.auth.logout();
  void [count, nothing];
}

export async function batchesAndErrors(): Promise<void> {
  // @ts-expect-error TS2322 an empty batch is refused
  await client.$batch(() => []);
  const [users, me] = await client.$batch((b) => [b.profile.getAllUsers(), b.auth.me()]);
  // @ts-expect-error TS2339 a batch outcome's result may only be read after checking ok
  void users.result;
  // @ts-expect-error TS2493 the tuple has two outcomes, not three
  const [, , third] = await client.$batch((b) => [b.profile.getAllUsers(), b.auth.me()]);
  // @ts-expect-error TS2367 auth.me declares no NOT_FOUND, so its error cannot be one
  if (!me.ok && me.error.data.code === "NOT_FOUND") return;
  const login = await client.$safe.auth.login({ email: "a@example.com", password: "pw" });
  // @ts-expect-error TS2678 a switch on an undeclared key of auth.login
  if (!login.ok) switch (login.error.data.code) { case "FORBIDDEN": break; }
  void third;
  const error: unknown = new Error("x");
  // @ts-expect-error TS2345 not an error key at all
  if (isRpcError(error, "NOT_A_KEY")) return;
  // @ts-expect-error TS2339 retryAfter belongs to TOO_MANY_REQUESTS, not NOT_FOUND
  if (isRpcError(error, "NOT_FOUND")) void error.data.retryAfter;
}
