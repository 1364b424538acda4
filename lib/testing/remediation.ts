// Shared by the integration tests and scripts/bench-rollback.mjs (never by app code): a
// migrated database, the real Kubernetes API double process, a registered demo service.
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";

import type { Actor } from "@/lib/auth/permissions";
import { testActor } from "@/lib/testing/actors";
import { KUBECTL_PATH, runKubectl as runRealKubectl } from "@/doubles/kube-api/kubectl";

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

/** Runs a command exactly as Firebreak shows it (heredocs included) in a POSIX shell, with the
 * real kubectl on PATH and the double's kubeconfig: what a responder pasting it would do. */
export function runShownCommand(
  kubeconfig: string,
  cacheDir: string,
  command: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "/bin/sh",
      ["-c", command],
      {
        timeout: 60_000,
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          HOME: cacheDir,
          PATH: `${path.dirname(KUBECTL_PATH)}:${process.env.PATH ?? ""}`,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A second app whose Deployment is selected only by `matchExpressions` (no matchLabels), with
 * blue/green pods and a Service, created through the double's ordinary API. */
export async function createExpressionSelectedApp(url: string, name = "edge"): Promise<void> {
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
  };
  for (const version of ["new", "stable"]) {
    await post("/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: version === "new" ? name : `${name}-stable` },
      spec: {
        replicas: 2,
        selector: {
          matchExpressions: [
            { key: "app", operator: "In", values: [name] },
            { key: "version", operator: "In", values: [version] },
          ],
        },
        template: {
          metadata: { labels: { app: name, version } },
          spec: {
            containers: [
              { name, image: `registry.local/${name}:1` },
              { name: "proxy", image: "envoy:1" },
            ],
          },
        },
      },
    });
  }
  await post("/api/v1/namespaces/default/services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { selector: { app: name, version: "new" }, ports: [{ port: 80, targetPort: 8080 }] },
  });
}

export async function registerService(
  name: string,
  k8s: { deployment: string; service: string },
  metricsBaseUrl = "http://127.0.0.1:9",
): Promise<void> {
  const { createService } = await import("@/lib/services/commands");
  await createService({
    name,
    metricsSource: "optimizer",
    metricsBaseUrl,
    promQueries: {},
    ratioUnit: "percent",
    thresholdOverrides: {},
    k8sNamespace: "default",
    k8sDeployment: k8s.deployment,
    k8sService: k8s.service,
    selectorLabel: "version",
    stableValue: "stable",
    autoDeclare: false,
  });
}

export async function declareIncidentOn(service: string, title = "Incident"): Promise<number> {
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { id } = await declareIncident({ title, severity: "SEV1", service }, TEST_ACTOR);
  return id;
}

/** Sends a patch straight to the double's API (test set-up, as an operator's kubectl would). */
export async function patchInDouble(
  url: string,
  path: string,
  contentType: string,
  body: unknown,
): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: "PATCH",
    headers: { "content-type": contentType },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH ${path}: ${res.status} ${await res.text()}`);
}

/** Removes the `version` label from the demo Service's selector ({app: api-optimizer}). */
export function dropVersionLabel(url: string): Promise<void> {
  return patchInDouble(
    url,
    "/api/v1/namespaces/default/services/api-optimizer",
    "application/json-patch+json",
    [{ op: "remove", path: "/spec/selector/version" }],
  );
}

/** Marks every pod matching `selector` not Ready (as a failing readiness probe would). */
export async function makePodsUnready(url: string, selector: string): Promise<number> {
  const res = await fetch(
    `${url}/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(selector)}`,
  );
  const { items } = (await res.json()) as { items: Array<{ metadata: { name: string } }> };
  for (const pod of items) {
    await patchInDouble(
      url,
      `/api/v1/namespaces/default/pods/${pod.metadata.name}/status`,
      "application/merge-patch+json",
      { status: { conditions: [{ type: "Ready", status: "False", reason: "ReadinessProbeFailed" }] } },
    );
  }
  return items.length;
}
