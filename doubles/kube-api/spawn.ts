// Test helper: start the double as a real process on a free port, with its own kubeconfig.
// (Tests import this; app code never does.)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningKubeDouble {
  url: string;
  port: number;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export async function startKubeDouble(
  opts: { readyDelayMs?: number; demo?: boolean; port?: number; timeoutMs?: number } = {},
): Promise<RunningKubeDouble> {
  const dir = mkdtempSync(path.join(tmpdir(), "kube-double-"));
  const kubeconfigPath = path.join(dir, "kubeconfig.yaml");
  const args = [
    "doubles/kube-api/main.ts",
    "--port",
    String(opts.port ?? 0),
    "--kubeconfig-out",
    kubeconfigPath,
    "--ready-delay-ms",
    String(opts.readyDelayMs ?? 300),
  ];
  if (opts.demo ?? true) args.push("--demo");
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`kube double did not start within ${opts.timeoutMs ?? 20_000} ms: ${stderr}`)),
      opts.timeoutMs ?? 20_000,
    );
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`kube double exited (${code}) before listening: ${stderr}`));
    });
  });
  const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
  if (!health.ok) throw new Error(`kube double not healthy: ${health.status}`);
  return {
    url,
    port: Number(new URL(url).port),
    kubeconfigPath,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
