// Test helpers: the scan target double as a process, and the ApiHunter double run to completion.
import { spawn } from "node:child_process";
import path from "node:path";

import { freePort, ROOT, startProcess, waitFor, type Proc } from "./spawn";

export const APIHUNTER_DOUBLE = path.join(ROOT, "doubles/apihunter/bin/apihunter");

export type ScanTarget = Proc & {
  url: string;
  behave: (b: {
    vulnerable?: boolean;
    latencyMs?: number;
    failRate?: number;
    hangRate?: number;
  }) => Promise<void>;
  requests: () => Promise<{
    count: number;
    maxInFlight: number;
    requests: Array<{ method: string; path: string; at: number }>;
  }>;
  resetRequests: () => Promise<void>;
};

export async function startScanTarget(args: string[] = []): Promise<ScanTarget> {
  const port = await freePort();
  const proc = startProcess(path.join(ROOT, "node_modules/.bin/tsx"), [
    path.join(ROOT, "doubles/scan-target/main.ts"),
    "--port",
    String(port),
    ...args,
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/healthz`)).ok,
    20_000,
    `scan target on ${port}: ${proc.output()}`,
  );
  return {
    ...proc,
    url,
    behave: async (b) => {
      await fetch(`${url}/__double/behaviour`, { method: "POST", body: JSON.stringify(b) });
    },
    requests: async () => (await fetch(`${url}/__double/requests`)).json(),
    resetRequests: async () => {
      await fetch(`${url}/__double/requests`, { method: "DELETE" });
    },
  };
}

export type ApiHunterRun = { code: number | null; stdout: string; stderr: string };

/** Runs the ApiHunter double to completion (stdout and stderr drained). */
export function runApiHunter(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<ApiHunterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(APIHUNTER_DOUBLE, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
