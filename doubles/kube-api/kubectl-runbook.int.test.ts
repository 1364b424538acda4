// More of the runbooks' kubectl commands (seeds/001: investigation and security containment) against the double.
import { writeFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { withKubectlDouble } from "./kubectl-harness";

const kube = withKubectlDouble({ readyDelayMs: 300 });
const { api, kubectl, ok } = kube;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-optimizer-emergency-deny-ingress
spec:
  podSelector:
    matchLabels:
      app: api-optimizer
  policyTypes: [Ingress]
`;

describe("runbook kubectl commands against the Kubernetes API double", () => {
  it("auto-tuning: json-patches the api-optimizer-config ConfigMap", async () => {
    await ok(
      "patch",
      "configmap",
      "api-optimizer-config",
      "--type=json",
      "-p",
      '[{"op": "replace", "path": "/data/default_ttl", "value": "15m"}]',
    );
    const cm = await api<{ data: Record<string, string> }>(
      "/api/v1/namespaces/default/configmaps/api-optimizer-config",
    );
    expect(cm.data).toMatchObject({ default_ttl: "15m", cache_size: "1000", max_connections: "25" });
    expect(
      await ok("get", "secrets", "api-optimizer-secrets", "-o", "jsonpath={.data.upstream_api_key}"),
    ).toBe(Buffer.from("demo-not-a-real-key").toString("base64"));
  });

  it("logs -f with a selector matching 6 pods is refused by kubectl's stream limit, as on a real cluster", async () => {
    const r = await kubectl("logs", "-l", "app=api-optimizer", "--tail=100", "-f");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("you are attempting to follow 6 log streams");
  });

  it("top pods -l app=api-optimizer reads the metrics API, and fails clearly when it is unavailable", async () => {
    const out = await ok("top", "pods", "-l", "app=api-optimizer");
    expect(out.match(/^api-optimizer-\S+\s+\d+m\s+\d+Mi/gm)).toHaveLength(6);
    await fetch(`${kube.double.url}/__double/metrics`, {
      method: "POST",
      body: JSON.stringify({ available: false }),
    });
    const r = await kubectl("top", "pods", "-l", "app=api-optimizer");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Metrics API not available|unable to handle the request/);
  });

  it("describe pods shows conditions, restart counts and the OOM kill; logs --previous shows its last lines", async () => {
    const out = await ok("describe", "pods", "-l", "app=api-optimizer,version=new");
    expect(out.match(/Conditions:\n\s+Type\s+Status\n/g)).toHaveLength(3);
    expect(out).toMatch(/Ready\s+True/);
    expect(out).toMatch(/Restart Count:\s+2/);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled/);
    const pods = await api<{
      items: Array<{
        metadata: { name: string };
        status: { containerStatuses: Array<{ restartCount: number }> };
      }>;
    }>("/api/v1/namespaces/default/pods?labelSelector=version%3Dnew");
    const crashed = pods.items.find((p) => p.status.containerStatuses[0]!.restartCount === 2)!;
    const healthy = pods.items.find((p) => p.status.containerStatuses[0]!.restartCount === 0)!;
    expect((await ok("logs", crashed.metadata.name, "--previous", "--tail=1")).trim()).toMatch(
      /level=error msg="fatal error: runtime: out of memory"/,
    );
    const none = await kubectl("logs", healthy.metadata.name, "--previous");
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("previous terminated container");
  });

  it("rollout restart leaves a trail of events (get events, describe deployment)", async () => {
    await ok("rollout", "restart", "deployment/api-optimizer");
    await ok("rollout", "status", "deployment/api-optimizer", "--timeout=30s");
    const events = await ok("get", "events");
    expect(events).toMatch(/Normal\s+Started\s+pod\/api-optimizer-/);
    const described = await ok("describe", "deployment", "api-optimizer");
    expect(described).toMatch(
      /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set api-optimizer-\w+ from 0 to 1/,
    );
    expect(described).toMatch(/Scaled down replica set api-optimizer-\w+ from 1 to 0/);
  }, 60_000);

  it("containment: scale to 0 empties the endpoints, apply -f creates the emergency NetworkPolicy, logs --since=24h are available", async () => {
    await ok("scale", "deployment", "api-optimizer", "--replicas=0");
    await ok("rollout", "status", "deployment/api-optimizer", "--timeout=30s");
    const ep = await api<{ subsets?: unknown[] }>("/api/v1/namespaces/default/endpoints/api-optimizer");
    expect(ep.subsets).toBeUndefined();
    expect((await ok("get", "endpoints", "api-optimizer")).split("\n")[1]).toMatch(/api-optimizer\s+<none>/);

    const file = path.join(kube.dir, "policy.yaml");
    writeFileSync(file, POLICY);
    expect((await ok("apply", "-f", file)).trim()).toBe(
      "networkpolicy.networking.k8s.io/api-optimizer-emergency-deny-ingress created",
    );
    expect((await ok("apply", "-f", file)).trim()).toBe(
      "networkpolicy.networking.k8s.io/api-optimizer-emergency-deny-ingress unchanged",
    );
    const np = await api<{ spec: { podSelector: unknown; policyTypes: string[] } }>(
      "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/api-optimizer-emergency-deny-ingress",
    );
    expect(np.spec).toEqual({
      podSelector: { matchLabels: { app: "api-optimizer" } },
      policyTypes: ["Ingress"],
    });
    expect(await ok("get", "netpol")).toMatch(/api-optimizer-emergency-deny-ingress\s+app=api-optimizer/);
    writeFileSync(file, POLICY.replace("[Ingress]", "[Ingress, Egress]"));
    expect((await ok("apply", "--server-side", "-f", file)).trim()).toBe(
      "networkpolicy.networking.k8s.io/api-optimizer-emergency-deny-ingress serverside-applied",
    );
    expect(
      (
        await api<{ spec: { policyTypes: string[] } }>(
          "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/api-optimizer-emergency-deny-ingress",
        )
      ).spec.policyTypes,
    ).toEqual(["Ingress", "Egress"]);

    // The stable pods (started 30 days ago) still have a full day of logs.
    const logs = await ok("logs", "-l", "app=api-optimizer", "--since=24h", "--tail=-1");
    expect(logs.trim().split("\n").length).toBeGreaterThanOrEqual(3 * 5760 - 3);
  }, 60_000);
});
