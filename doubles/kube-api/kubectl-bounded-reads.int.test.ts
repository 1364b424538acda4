// Bounded log reads and full label selectors in the double, proved with the real kubectl:
// `--tail`, `--limit-bytes`, `-c` on a multi-container pod, and set-based `-l` selectors.
import { beforeAll, describe, expect, it } from "vitest";

import { BULK_LINE_BYTES, IGNORE_LIMIT_BYTES_ANNOTATION, LOG_BYTES_ANNOTATION } from "./bulk-logs";
import { withKubectlDouble } from "./kubectl-harness";

const kube = withKubectlDouble({ readyDelayMs: 0, demo: false, resetEach: false });
const { ok } = kube;
let pod: string;

beforeAll(async () => {
  const res = await fetch(`${kube.double.url}/apis/apps/v1/namespaces/default/deployments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "bulk" },
      spec: {
        replicas: 2,
        selector: { matchExpressions: [{ key: "app", operator: "In", values: ["bulk"] }] },
        template: {
          metadata: {
            labels: { app: "bulk", tier: "api" },
            annotations: {
              [LOG_BYTES_ANNOTATION]: String(1024 * 1024),
              [IGNORE_LIMIT_BYTES_ANNOTATION]: "false",
            },
          },
          spec: {
            containers: [
              { name: "app", image: "bulk:1" },
              { name: "proxy", image: "envoy:1" },
            ],
          },
        },
      },
    }),
  });
  expect(res.status).toBe(201);
  // The controller creates the pods at once (ready delay 0); wait for them without expect.poll.
  for (let i = 0; i < 50; i++) {
    const out = (await ok("get", "pods", "-l", "app in (bulk)", "-o", "name")).trim();
    if (out.split("\n").filter(Boolean).length === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  pod = (await ok("get", "pods", "-l", "app in (bulk)", "-o", "name"))
    .trim()
    .split("\n")[0]!
    .replace("pod/", "");
}, 60_000);

describe("bounded reads and set-based selectors, with the real kubectl", () => {
  it("selects with in / notin / exists / !exists, like a Deployment's matchExpressions", async () => {
    expect(
      (await ok("get", "pods", "-l", "app in (bulk),tier notin (web)", "-o", "name")).trim().split("\n"),
    ).toHaveLength(2);
    expect((await ok("get", "pods", "-l", "tier,!canary", "-o", "name")).trim().split("\n")).toHaveLength(2);
    expect((await ok("get", "pods", "-l", "app notin (bulk)", "-o", "name")).trim()).toBe("");
  });

  it("reads a chosen container's last lines (--tail) of a 1 MB log", async () => {
    const out = await ok("logs", pod, "-c", "proxy", "--tail=5");
    const lines = out.split("\n").filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.includes("container=proxy") && l.length === BULK_LINE_BYTES - 1)).toBe(true);
    expect(lines[4]).toContain(`line=${Math.floor((1024 * 1024) / BULK_LINE_BYTES) - 1} `);
  });

  it("caps a read at --limit-bytes", async () => {
    expect(Buffer.byteLength(await ok("logs", pod, "-c", "app", "--limit-bytes=250"))).toBe(250);
  });

  it("refuses a multi-container read without a container, as the API does", async () => {
    const res = await fetch(`${kube.double.url}/api/v1/namespaces/default/pods/${pod}/log`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("a container name must be specified");
    // kubectl itself picks the first container and says so.
    const r = await kube.kubectl("logs", pod, "--tail=1");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("container=app");
  });
});
