// Fidelity proof: the real kubectl (/usr/bin/kubectl, v1.32) against the double, asserting the resulting state
// through the double's own API. These are the runbook's commands (seeds/001): reads, the emergency rollback's
// selector patch, logs, and how refusals and failures reach kubectl. Rollouts: kubectl-rollout.int.test.ts.
import { describe, expect, it } from "vitest";

import { NS, type Pod, withKubectlDouble } from "./kubectl-harness";

const { api, kubectl, ok } = withKubectlDouble({ readyDelayMs: 400 });

describe("kubectl against the Kubernetes API double", () => {
  it("get deploy,svc,pods lists the blue/green demo app with server-side columns", async () => {
    const out = await ok("get", "deploy,svc,pods");
    expect(out).toMatch(/deployment\.apps\/api-optimizer\s+3\/3\s+3\s+3/);
    expect(out).toMatch(/deployment\.apps\/api-optimizer-stable\s+3\/3\s+3\s+3/);
    expect(out).toMatch(/service\/api-optimizer\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP/);
    expect(out.match(/^pod\/api-optimizer-\S+\s+1\/1\s+Running/gm)).toHaveLength(6);
    expect(await ok("get", "deploy", "api-optimizer", "-o", "wide")).toMatch(
      /api-optimizer\s+3\/3\s+3\s+3\s+\S+\s+api-optimizer\s+registry\.local\/api-optimizer:2\.1\.1\s+app=api-optimizer,version=new/,
    );
  });

  it("reads the Service selector with jsonpath", async () => {
    expect(await ok("get", "svc", "api-optimizer", "-o", "jsonpath={.spec.selector.version}")).toBe("new");
  });

  it("the runbook's emergency rollback (json patch of the selector) switches the Service and its endpoints to stable", async () => {
    await api("/__double/requests", { method: "DELETE" });
    const out = await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(out.trim()).toBe("service/api-optimizer patched");
    const svc = await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`);
    expect(svc.spec.selector).toEqual({ app: "api-optimizer", version: "stable" });
    const stableIps = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dstable`)).items
      .map((p) => p.status.podIP)
      .sort();
    const ep = await api<{ subsets: Array<{ addresses: Array<{ ip: string }> }> }>(
      `${NS}/endpoints/api-optimizer`,
    );
    expect(ep.subsets[0]!.addresses.map((a) => a.ip).sort()).toEqual(stableIps);
    const { requests } = await api<{
      requests: Array<{
        method: string;
        path: string;
        contentType: string;
        body: unknown;
        query: Record<string, string>;
      }>;
    }>("/__double/requests?method=PATCH");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      path: `${NS}/services/api-optimizer`,
      contentType: "application/json-patch+json",
      query: { fieldManager: "kubectl-patch" },
      body: [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
    });
    expect(await ok("get", "svc", "api-optimizer", "-o", "jsonpath={.spec.selector.version}")).toBe("stable");
  });

  it("get endpoints shows the ready pods behind the Service", async () => {
    const out = await ok("get", "endpoints", "api-optimizer");
    const newIps = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dnew`)).items.map(
      (p) => p.status.podIP,
    );
    for (const ip of newIps) expect(out).toContain(`${ip}:8080`);
  });

  it("logs -l --since=15m returns recent lines from every selected pod", async () => {
    await api("/__double/requests", { method: "DELETE" });
    const started = Date.now();
    const out = await ok("logs", "-l", "app=api-optimizer,version=new", "--since=15m", "--tail=-1");
    const lines = out.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3 * 59);
    for (const line of lines)
      expect(Date.parse(line.split(" ")[0]!)).toBeGreaterThanOrEqual(started - 15 * 60_000 - 1000);
    expect(lines.filter((l) => /error/i.test(l)).length).toBeGreaterThan(0);
    const { requests } = await api<{ requests: Array<{ path: string; query: Record<string, string> }> }>(
      "/__double/requests?path=/log",
    );
    expect(requests).toHaveLength(3);
    for (const r of requests) expect(r.query.sinceSeconds).toBe("900");
    // Without --tail kubectl asks for the last 10 lines per pod when a selector is used.
    expect((await ok("logs", "-l", "app=api-optimizer", "--since=15m")).trim().split("\n")).toHaveLength(60);
  });

  it("patch --dry-run=server returns the change but leaves the Service untouched", async () => {
    const before = await api(`${NS}/services/api-optimizer`);
    const out = await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
      "--dry-run=server",
      "-o",
      "jsonpath={.spec.selector.version}",
    );
    expect(out).toBe("stable");
    const after = await api(`${NS}/services/api-optimizer`);
    expect(after).toEqual(before);
    const { requests } = await api<{ requests: Array<{ query: Record<string, string> }> }>(
      "/__double/requests?method=PATCH",
    );
    expect(requests.at(-1)!.query.dryRun).toBe("All");
  });

  it("a failing json-patch test op is refused and nothing changes", async () => {
    const r = await kubectl(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"test","path":"/spec/selector/version","value":"stable"},{"op":"replace","path":"/spec/selector/version","value":"new"}]',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("testing value /spec/selector/version failed");
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("new");
  });

  it("an injected 500 reaches kubectl as an error and the Service is unchanged; the retry succeeds", async () => {
    await api("/__double/faults", {
      method: "POST",
      body: JSON.stringify({ method: "PATCH", path: "/services/api-optimizer", kind: "status", status: 500 }),
    });
    const failed = await kubectl(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/injected fault: 500|Internal error/i);
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("new");
    await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("stable");
  });

  it("a denial configured for SelfSubjectAccessReview also forbids the real request", async () => {
    await api("/__double/ssar", {
      method: "POST",
      body: JSON.stringify({ deny: [{ verb: "patch", resource: "services" }] }),
    });
    const denied = await kubectl("auth", "can-i", "patch", "services");
    expect(denied.code).not.toBe(0);
    expect(denied.stdout.trim()).toMatch(/^no\b/);
    expect((await kubectl("auth", "can-i", "get", "services")).stdout.trim()).toBe("yes");
    const r = await kubectl("patch", "service", "api-optimizer", "-p", '{"metadata":{"labels":{"x":"y"}}}');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot patch resource "services"');
  });
});
