// Shared by the integration tests and scripts/bench-rollback.mjs (never by app code): a
// migrated database, the real Kubernetes API double process, a registered demo service.
import http from "node:http";

import type { Actor } from "@/lib/auth/permissions";
import { testActor } from "@/lib/testing/actors";
import { runKubectl as runRealKubectl } from "@/doubles/kube-api/kubectl";

export const TEST_ACTOR: Actor = testActor("responder", "alice");

export async function doubleControl(
  url: string,
  path: string,
  method = "POST",
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${url}/__double/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`double ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** PATCH requests that really change something (dry runs excluded). */
export async function countRealPatches(url: string, pathPart: string): Promise<number> {
  const { requests } = (await doubleControl(
    url,
    `requests?method=PATCH&path=${encodeURIComponent(pathPart)}`,
    "GET",
  )) as {
    requests: Array<{ query: Record<string, string> }>;
  };
  return requests.filter((r) => r.query.dryRun !== "All").length;
}

export async function readServiceVersion(url: string): Promise<string | undefined> {
  const res = await fetch(`${url}/api/v1/namespaces/default/services/api-optimizer`);
  const svc = (await res.json()) as { spec?: { selector?: Record<string, string> } };
  return svc.spec?.selector?.version;
}

/** A tiny stand-in for the service's /health/live (the optimizer double belongs to another module). */
export async function startLiveEndpoint(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.statusCode = req.url === "/health/live" ? 200 : 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

export async function registerDemoService(metricsBaseUrl: string): Promise<void> {
  const { createService } = await import("@/lib/services/commands");
  await createService({
    name: "api-optimizer",
    metricsSource: "optimizer",
    metricsBaseUrl,
    promQueries: {},
    ratioUnit: "percent",
    thresholdOverrides: {},
    k8sNamespace: "default",
    k8sDeployment: "api-optimizer",
    k8sService: "api-optimizer",
    selectorLabel: "version",
    stableValue: "stable",
    autoDeclare: false,
  });
}

export async function declareTestIncident(title = "Latency outage"): Promise<number> {
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { id } = await declareIncident({ title, severity: "SEV0", service: "api-optimizer" }, TEST_ACTOR);
  return id;
}

/** Runs the real kubectl against a kubeconfig (the shared helper of the double's tests). */
export function runKubectl(kubeconfig: string, cacheDir: string, args: string[]) {
  return runRealKubectl({ kubeconfig, cacheDir }, args);
}
