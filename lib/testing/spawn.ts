// Test helper: runs a double or the collector CLI as a real child process.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export type Proc = { child: ChildProcess; output: () => string; stop: () => Promise<number | null> };

export function startProcess(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

export async function waitFor<T>(
  f: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Starts doubles/<name>/main.ts on a free port and waits for /healthz. */
export async function startDouble(
  name: "optimizer" | "prometheus" | "webhook-receiver",
  args: string[] = [],
): Promise<Proc & { url: string; port: number }> {
  const port = await freePort();
  const proc = startProcess(TSX, [
    path.join(ROOT, `doubles/${name}/main.ts`),
    "--port",
    String(port),
    ...args,
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/healthz`)).ok,
    20_000,
    `${name} double on ${port}: ${proc.output()}`,
  );
  return { ...proc, url, port };
}

/** The standalone collector (lib/boot/collector-cli.ts), as a separate Node process. */
export function startCollectorProcess(env: Record<string, string>): Proc {
  return startProcess(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "lib/boot/collector-cli.ts")],
    env,
  );
}

export async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
}

/**
 * Starts a Firebreak job worker (lib/boot/jobs-cli.ts) as a real process with `env` and waits
 * until it works the queue — the process fault tests SIGKILL it mid-job.
 */
export async function startJobWorker(env: Record<string, string>): Promise<Proc> {
  const proc = startProcess(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "lib/boot/jobs-cli.ts")],
    { ...env, JOBS_ENABLED: "true" },
  );
  await waitFor(
    async () => proc.output().includes("working background jobs"),
    45_000,
    `job worker: ${proc.output()}`,
  );
  return proc;
}
