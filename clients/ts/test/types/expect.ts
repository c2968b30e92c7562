/**
 * Type assertions: `expectType<Equal<A, B>>(true)` compiles only when A and B are the
 * same type (not merely assignable), so a widened type cannot pass.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function expectType<Condition extends true>(value: Condition): Condition {
  return value;
}
