// Test helper: one Kubernetes API double per test file with the real kubectl pointed at it — the
// double started before the file's tests (its own temp HOME and kubectl cache), reset to its seed
// before each test when asked, stopped after. (Tests import this; app code never does.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach } from "vitest";

import { assertKubectlPresent, runKubectl, runKubectlOk } from "./kubectl";
import { startKubeDouble, type RunningKubeDouble } from "./spawn";

/** The demo namespace's core API path, and the object shapes the fidelity tests read back. */
export const NS = "/api/v1/namespaces/default";
export type Meta = {
  name: string;
  resourceVersion: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
};
export type Pod = { metadata: Meta; status: { podIP: string; phase: string } };

export interface KubectlHarness {
  /** The running double (valid inside tests and hooks). */
  readonly double: RunningKubeDouble;
  /** A scratch directory for the file's own files (kubectl's HOME and cache live in it too). */
  readonly dir: string;
  kubectl(...args: string[]): ReturnType<typeof runKubectl>;
  /** kubectl that must exit 0; returns its stdout. */
  ok(...args: string[]): Promise<string>;
  /** The double's own API as JSON (what kubectl's changes are checked against). */
  api<T = unknown>(p: string, init?: RequestInit): Promise<T>;
}

export function withKubectlDouble(
  opts: { readyDelayMs?: number; demo?: boolean; resetEach?: boolean } = {},
): KubectlHarness {
  let double: RunningKubeDouble | undefined;
  let dir: string | undefined;
  const target = () => ({
    kubeconfig: h.double.kubeconfigPath,
    cacheDir: path.join(h.dir, "cache"),
    home: h.dir,
  });
  const h: KubectlHarness = {
    get double() {
      if (!double) throw new Error("the Kubernetes double is not running (use it inside tests)");
      return double;
    },
    get dir() {
      if (!dir) throw new Error("the kubectl scratch directory exists only inside tests");
      return dir;
    },
    kubectl: (...args) => runKubectl(target(), args),
    ok: (...args) => runKubectlOk(target(), args),
    async api<T>(p: string, init: RequestInit = {}) {
      const res = await fetch(`${h.double.url}${p}`, { ...init, signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
  beforeAll(async () => {
    assertKubectlPresent();
    dir = mkdtempSync(path.join(tmpdir(), "kubectl-double-"));
    double = await startKubeDouble({ readyDelayMs: opts.readyDelayMs, demo: opts.demo });
  }, 30_000);
  afterAll(async () => {
    await double?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  if (opts.resetEach ?? true) {
    beforeEach(async () => {
      await h.api("/__double/reset", { method: "POST" });
    });
  }
  return h;
}
