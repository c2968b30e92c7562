/**
 * The client's types, derived from the generated contract: the shape of
 * `client.a.b(params)`, of `$batch`, `$notify` and `$safe`, and of each method's
 * errors. No runtime code lives here.
 */
import type { RpcError, TransportErrorKey } from "./errors.js";
import type { MethodName, Procedures, ProcedureTree } from "./procedures.gen.js";

export type ParamsOf<M extends MethodName> = Procedures[M]["params"];
export type ResultOf<M extends MethodName> = Procedures[M]["result"];
export type KindOf<M extends MethodName> = Procedures[M]["kind"];

/** The error keys a call of M can fail with: the ones it declares, plus the transport's. */
export type ErrorKeyOf<M extends MethodName> = Procedures[M]["errors"] | TransportErrorKey;
export type ErrorOf<M extends MethodName> = RpcError<ErrorKeyOf<M>>;

/** How a call ended, without throwing: the item type of `$batch` and `$safe`. */
export type Outcome<M extends MethodName> =
  | { readonly ok: true; readonly result: ResultOf<M> }
  | { readonly ok: false; readonly error: ErrorOf<M> };

/** Per-call settings; they win over the client's. */
export interface CallOptions {
  /** Bearer token for this call; `null` sends none even when the client has one. */
  readonly token?: string | null;
  /** Sent as X-Correlation-ID; the server echoes it in errors and logs. */
  readonly correlationId?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** Params may be left out when the method requires none (`client.auth.me()`). */
type ParamsArgs<M extends MethodName> =
  // `{}` is the type of "no required fields": every params type with none extends it.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends ParamsOf<M> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>];
type CallArgs<M extends MethodName> = [...ParamsArgs<M>, options?: CallOptions];

/** One call in a batch, as the batch builder returns it (plain data, nothing sent yet). */
export interface BatchCall<M extends MethodName = MethodName> {
  readonly method: M;
  readonly params: ParamsOf<M> | undefined;
}

/** What a leaf of the tree is, in each of the client's modes. */
interface Leaf<M extends MethodName> {
  /** `client.a.b(p)`: the result, or throws RpcError / TransportError. */
  call: (...args: CallArgs<M>) => Promise<ResultOf<M>>;
  /** `client.$safe.a.b(p)`: an Outcome whose error type lists only what M can fail with. */
  safe: (...args: CallArgs<M>) => Promise<Outcome<M>>;
  /** `client.$notify.a.b(p)`: sent as a notification; the server answers nothing. */
  notify: (...args: CallArgs<M>) => Promise<void>;
  /** `b.a.b(p)` inside `$batch`. */
  batch: (...args: ParamsArgs<M>) => BatchCall<M>;
}

type Mode = keyof Leaf<MethodName>;

/** A namespace of the tree, every leaf turned into the mode's function. */
export type Namespace<T, K extends Mode> = {
  readonly [S in keyof T]: T[S] extends MethodName ? Leaf<T[S]>[K] : Namespace<T[S], K>;
};

/** At least one call: an empty batch is refused (the server would answer a bare error). */
export type BatchCalls = readonly [BatchCall, ...BatchCall[]];

/** The outcomes of a batch: a tuple in the order of the calls. */
export type BatchOutcomes<C extends BatchCalls> = {
  -readonly [I in keyof C]: C[I] extends BatchCall<infer M> ? Outcome<M> : never;
};

export interface ClientMembers {
  /**
   * Sends the calls the builder returns in ONE HTTP request and resolves to their
   * outcomes in the same order (matched by id). Rejects, with nothing run, when the
   * server refuses the batch as a whole (too many calls, body too large).
   */
  readonly $batch: <const C extends BatchCalls>(
    build: (b: Namespace<ProcedureTree, "batch">) => C,
    options?: CallOptions,
  ) => Promise<BatchOutcomes<C>>;
  readonly $notify: Namespace<ProcedureTree, "notify">;
  readonly $safe: Namespace<ProcedureTree, "safe">;
}

export type Client = Namespace<ProcedureTree, "call"> & ClientMembers;
