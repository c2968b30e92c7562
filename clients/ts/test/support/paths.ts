/** Where things are, from the compiled test files in build/test/. */
import { resolve } from "node:path";

export const packageRoot = resolve(import.meta.dirname, "..", "..", "..");
export const repositoryRoot = resolve(packageRoot, "..", "..");
export const openrpcPath = resolve(repositoryRoot, "openrpc.json");
export const srcDir = resolve(packageRoot, "src");
export const typeTestsDir = resolve(packageRoot, "test", "types");
