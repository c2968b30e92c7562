/**
 * Type-checking source text in memory with the test tsconfig: the type tests and the
 * generator tests ask "what does tsc say about this file?" without writing files.
 */
import { resolve } from "node:path";
import ts from "typescript";

import { packageRoot } from "./paths.js";

export interface Diagnostic {
  readonly file: string;
  /** 1-based, as editors count. */
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = resolve(packageRoot, "tsconfig.test.json");
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, packageRoot).options, noEmit: true };
}

/**
 * Diagnostics of `roots` (and what they import), with `overrides` standing in for the
 * text of the files they name (absolute paths); an override may also add a new file.
 */
export function typeCheck(roots: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): Diagnostic[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => overrides.get(resolve(path)) ?? readFile(path);
  host.fileExists = (path) => overrides.has(resolve(path)) || fileExists(path);
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const text = overrides.get(resolve(path));
    return text === undefined
      ? getSourceFile(path, language, onError, shouldCreate)
      : ts.createSourceFile(path, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...roots], options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file;
    const line = file && diagnostic.start !== undefined ? file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    return {
      file: file ? resolve(file.fileName) : "",
      line,
      code: diagnostic.code,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    };
  });
}

export function describe(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`).join("\n");
}
