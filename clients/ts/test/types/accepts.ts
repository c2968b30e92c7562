/**
 * Uses of the client that must type-check (`tsc -p tsconfig.test.json` compiles this
 * file; it is never run). Each block also pins an inferred type with `expectType`, so
 * a regression that widens a type to `unknown` fails here too.
 */
import {
  createClient,
  type ErrorKeyOf,
  type ErrorOf,
  isRpcError,
  type Outcome,
  type Profile,
  procedureInfo,
  RpcError,
  type TokenPair,
  type UserSummary,
} from "../../src/index.js";
import { expectType, type Equal } from "./expect.js";

const client = createClient({ url: "http://127.0.0.1:8000/rpc", token: () => "token" });

export async function calls(): Promise<void> {
  const tokens = await client.auth.login({ email: "a@example.com", password: "pw" });
  expectType<Equal<typeof tokens, TokenPair>>(true);
  const accessToken: string = tokens.accessToken;

  // No required params: the argument may be left out, or be `{}`; options come second.
  const me = await client.auth.me();
  await client.auth.me({}, { token: accessToken, correlationId: "c-1" });
  expectType<Equal<typeof me, TokenPair["user"] | null>>(true);
  if (me !== null) expectType<Equal<typeof me.role, "admin" | "manager" | "technician" | "reception">>(true);

  // Optional params may be left out; required ones with them.
  const profile = await client.profile.updateProfile({ full_name: "Mai", email: "mai@example.com" });
  expectType<Equal<typeof profile, Profile>>(true);
  await client.profile.updateProfile({ full_name: "Mai", email: "mai@example.com", avatar_url: null });

  const users = await client.profile.getAllUsers(undefined, { token: null });
  expectType<Equal<typeof users, UserSummary[]>>(true);
}

export async function batches(): Promise<void> {
  const [me, users, role] = await client.$batch((b) => [
    b.auth.me(),
    b.profile.getAllUsers(),
    b.admin.setUserRole({ user_id: "u-1", role: "manager" }),
  ]);
  expectType<Equal<typeof users, Outcome<"profile.getAllUsers">>>(true);
  if (me.ok) expectType<Equal<typeof me.result, TokenPair["user"] | null>>(true);
  if (users.ok) expectType<Equal<typeof users.result, UserSummary[]>>(true);
  if (!role.ok) {
    // The error of a batch item is narrowed to what that method can fail with.
    expectType<Equal<typeof role.error, ErrorOf<"admin.setUserRole">>>(true);
    switch (role.error.data.code) {
      case "NOT_FOUND":
      case "FORBIDDEN":
        break;
      case "INVALID_PARAMS":
        role.error.data.issues?.forEach((issue) => issue.path);
        expectType<Equal<typeof role.error.data.issueCount, number | undefined>>(true);
        break;
    }
  }
}

export async function safeCalls(): Promise<void> {
  const outcome = await client.$safe.auth.login({ email: "a@example.com", password: "pw" });
  if (outcome.ok) {
    expectType<Equal<typeof outcome.result, TokenPair>>(true);
  } else if (outcome.error.data.code === "TOO_MANY_REQUESTS") {
    // `data` is typed by its code: a rate-limit error says when to retry.
    const seconds: number = outcome.error.data.retryAfter;
    void seconds;
  }
  expectType<Equal<ErrorKeyOf<"auth.login">, "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT" | "NOT_FOUND" | "UNAUTHORIZED" | "PARSE_ERROR" | "BAD_REQUEST" | "METHOD_NOT_FOUND" | "INTERNAL_SERVER_ERROR" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE">>(true);
}

export async function notifications(): Promise<void> {
  const nothing = await client.$notify.profile.updateProfile({ full_name: "Mai", email: "mai@example.com" });
  expectType<Equal<typeof nothing, void>>(true);
}

export function errors(error: unknown): void {
  if (isRpcError(error, "NOT_FOUND", "CONFLICT")) {
    expectType<Equal<typeof error.data.code, "NOT_FOUND" | "CONFLICT">>(true);
  }
  if (isRpcError(error, "TOO_MANY_REQUESTS")) {
    const retryAfter: number = error.data.retryAfter;
    void retryAfter;
  }
  if (isRpcError(error)) {
    const correlationId: string | null = error.data.correlationId;
    void correlationId;
  }
  if (error instanceof RpcError) void error.code;
}

export function metadata(): void {
  expectType<Equal<(typeof procedureInfo)["auth.me"]["kind"], "query">>(true);
  expectType<Equal<(typeof procedureInfo)["admin.createUser"]["kind"], "mutation">>(true);
}

// `then` is never a procedure, so awaiting a namespace is harmless.
export async function awaitingANamespace(): Promise<void> {
  await client.auth;
}
