// The set-up the optimizer operations' integration tests share: the remediation harness (a
// throw-away database, the Kubernetes API double process) plus the optimizer double's HTTP
// server in this process, with the demo service pointed at it. Register it at the top of a test
// file; import the modules under test in a later beforeAll.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import { afterAll, beforeAll, expect } from "vitest";

import { createOptimizerServer } from "@/doubles/optimizer/server";
import { testActor } from "@/lib/testing/actors";
import { setupRemediationHarness, type RemediationHarness } from "@/lib/testing/remediation-harness";

export const CM = "/api/v1/namespaces/default/configmaps/api-optimizer-config";
export const SECRET = "/api/v1/namespaces/default/secrets/api-optimizer-secrets";
export const cora = testActor("commander", "Cora Commander");
export const rafael = testActor("responder", "Rafael Responder");
export const rid = () => crypto.randomUUID();

type KubeObject = { data: Record<string, string>; metadata: { resourceVersion: string } };

export type OptimizerOpsHarness = RemediationHarness & {
  optimizerUrl: string;
  /** A GET (or `init`) on the Kubernetes double, expected to succeed. */
  kubeJson(path: string, init?: RequestInit): Promise<KubeObject>;
  /** A JSON patch on the Kubernetes double, as a change made outside Firebreak. */
  patchKube(path: string, ops: unknown[]): Promise<KubeObject>;
  /** The optimizer double's cache entries. */
  doubleCache(): Promise<unknown[]>;
  /** Switches the optimizer double to a named scenario (its metrics). */
  scenario(name: string): Promise<Response>;
  /** Makes the optimizer double answer `path` with a 500, `times` times. */
  fail(path: string, times?: number): Promise<Response>;
};

export function setupOptimizerOpsHarness(): OptimizerOpsHarness {
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  const h = setupRemediationHarness() as OptimizerOpsHarness;
  let optimizer: Server | undefined;
  beforeAll(async () => {
    optimizer = createOptimizerServer({ seed: 1, noise: 0, recoverMs: 1000, unit: "percent" });
    await new Promise<void>((r) => optimizer!.listen(0, "127.0.0.1", r));
    h.optimizerUrl = `http://127.0.0.1:${(optimizer.address() as AddressInfo).port}`;
    const { getDb } = await import("@/lib/db/client");
    await getDb().service.update({
      where: { name: "api-optimizer" },
      data: { metricsBaseUrl: h.optimizerUrl },
    });
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => (optimizer ? optimizer.close(r) : r(undefined)));
  });
  h.kubeJson = async (path, init) => {
    const res = await fetch(`${h.kube.url}${path}`, init);
    expect(res.ok).toBe(true);
    return (await res.json()) as KubeObject;
  };
  h.patchKube = (path, ops) =>
    h.kubeJson(path, {
      method: "PATCH",
      headers: { "content-type": "application/json-patch+json" },
      body: JSON.stringify(ops),
    });
  h.doubleCache = async () =>
    ((await (await fetch(`${h.optimizerUrl}/__double/cache`)).json()) as { entries: unknown[] }).entries;
  h.scenario = (name) =>
    fetch(`${h.optimizerUrl}/__double/scenario`, { method: "POST", body: JSON.stringify({ name }) });
  h.fail = (path, times = 1) =>
    fetch(`${h.optimizerUrl}/__double/faults`, {
      method: "POST",
      body: JSON.stringify({ path, mode: "500", times }),
    });
  return h;
}
