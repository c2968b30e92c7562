/**
 * A real Switchyard server for the integration tests: the repository's Python CLI
 * (`.venv/bin/switchyard`, made by `make install`) on a free port, with a fresh SQLite
 * directory and an environment of its own, so a DATABASE_URL or REDIS_URL meant for the
 * Python suite (CI runs it against PostgreSQL) cannot leak in.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

import { repositoryRoot } from "./paths.js";

const run = promisify(execFile);
const venvBin = resolve(repositoryRoot, ".venv", "bin");
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningServer {
  /** The JSON-RPC endpoint. */
  readonly url: string;
  /** Body limit the server was started with, to provoke a 413. */
  readonly maxBodyBytes: number;
  /** Runs `switchyard <args>` against the same database; resolves to its stdout. */
  cli(args: readonly string[]): Promise<string>;
  /** Runs Python code with the project importable; resolves to its stdout. */
  python(code: string): Promise<string>;
  /** Runs a bash script at the repository's root with the server's environment; its stdout. */
  shell(script: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const switchyard = resolve(venvBin, "switchyard");
  if (!existsSync(switchyard)) throw new Error(`${switchyard} is missing: run \`make install\` at the repository root`);
  const dataDir = await mkdtemp(join(tmpdir(), "switchyard-ts-"));
  const maxBodyBytes = 65_536;
  const env = serverEnvironment(dataDir, maxBodyBytes);
  const port = await freePort();
  const child = spawn(switchyard, ["serve", "--host", "127.0.0.1", "--port", String(port)], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr = tail(child);
  const base = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, child, stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `${base}/rpc`,
    maxBodyBytes,
    cli: async (args) => (await run(switchyard, [...args], { env, cwd: repositoryRoot })).stdout,
    python: async (code) => (await run(resolve(venvBin, "python"), ["-c", code], { env, cwd: repositoryRoot })).stdout,
    shell: async (script) => (await run("bash", ["-c", script], { env, cwd: repositoryRoot })).stdout,
    stop,
  };
}

function serverEnvironment(dataDir: string, maxBodyBytes: number): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !name.startsWith("SWITCHYARD_") && name !== "DATABASE_URL" && name !== "REDIS_URL",
  );
  return {
    ...Object.fromEntries(inherited),
    SWITCHYARD_DATA_DIR: dataDir,
    SWITCHYARD_LOG_LEVEL: "WARNING",
    SWITCHYARD_MAX_BODY_BYTES: String(maxBodyBytes),
    // Argon2 at its cheapest: the tests sign in a few times, not attack the hash.
    SWITCHYARD_PASSWORD_MEMORY_KIB: "1024",
    SWITCHYARD_PASSWORD_TIME_COST: "1",
    SWITCHYARD_PASSWORD_PARALLELISM: "1",
  };
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error("no port assigned"))));
    });
  });
}

/** The last few kilobytes of the child's stderr, for the message when it fails to start. */
function tail(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    text = (text + chunk).slice(-8_000);
  });
  return () => text;
}

async function waitForHealth(base: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`switchyard serve exited with ${child.exitCode}:\n${stderr()}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`switchyard serve was not healthy within ${STARTUP_TIMEOUT_MS} ms:\n${stderr()}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
