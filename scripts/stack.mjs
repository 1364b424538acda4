// The local doubles of external systems (doubles/<name>/stack.json), started by
// `npm run dev` (demo mode) and by the e2e suite. App code never imports them: it reaches
// them through ordinary configuration (a kubeconfig, a metrics URL, a binary path),
// exactly as it reaches the real systems.
//
// stack.json: {
//   "command": ["node_modules/.bin/tsx", "doubles/x/main.ts", ...args],   // run from the repo root
//   "readyUrl": "http://127.0.0.1:PORT/healthz",
//   "appEnv": { "VAR": "value" }   // configuration the app needs to reach this double
//   "e2e": { ...same keys, overriding for the e2e suite... }
// }
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @param {"dev"|"e2e"} mode */
export function loadDoubles(mode) {
  const dir = path.join(ROOT, "doubles");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, "stack.json")))
    .sort()
    .map((name) => {
      const spec = JSON.parse(readFileSync(path.join(dir, name, "stack.json"), "utf8"));
      const merged = mode === "e2e" && spec.e2e ? { ...spec, ...spec.e2e } : spec;
      return { name, command: merged.command, readyUrl: merged.readyUrl, appEnv: merged.appEnv ?? {} };
    });
}

export function appEnvOf(doubles) {
  return Object.assign({}, ...doubles.map((d) => d.appEnv));
}

async function waitReady(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`double did not become ready at ${url}`);
}

/** Starts every double and waits until each answers; returns a stop function. */
export async function startDoubles(mode, { log = console.log } = {}) {
  const doubles = loadDoubles(mode);
  const children = [];
  for (const d of doubles) {
    const [cmd, ...args] = d.command;
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    children.push(child);
    await waitReady(d.readyUrl);
    log(`[firebreak] ${d.name} double ready at ${d.readyUrl}`);
  }
  return {
    env: appEnvOf(doubles),
    stop: () => children.forEach((c) => c.kill("SIGTERM")),
  };
}
