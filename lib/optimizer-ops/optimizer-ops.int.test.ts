import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import { beforeAll, afterAll, describe, expect, it } from "vitest";

import { createOptimizerServer } from "@/doubles/optimizer/server";
import { setupRemediationHarness } from "@/lib/testing/remediation-harness";
import { testActor } from "@/lib/testing/actors";
import { declareTestIncident } from "@/lib/testing/remediation";

// Optimizer operations against real PostgreSQL, the Kubernetes API double (a real process
// reached through client-node) and the optimizer double (its HTTP server in this process).
process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
const h = setupRemediationHarness();
const cora = testActor("commander", "Cora Commander");
const rafael = testActor("responder", "Rafael Responder");
const CM = "/api/v1/namespaces/default/configmaps/api-optimizer-config";
const SECRET = "/api/v1/namespaces/default/secrets/api-optimizer-secrets";

let optimizer: Server;
let optimizerUrl: string;
let cache: typeof import("./cache-ops");
let config: typeof import("./config-ops");
let tune: typeof import("./autotune-ops");
let maint: typeof import("./maintenance-run");
let getDb: typeof import("@/lib/db/client").getDb;
const rid = () => crypto.randomUUID();

async function kube(path: string, init?: RequestInit) {
  const res = await fetch(`${h.kube.url}${path}`, init);
  expect(res.ok).toBe(true);
  return (await res.json()) as { data: Record<string, string>; metadata: { resourceVersion: string } };
}
const patchKube = (path: string, ops: unknown[]) =>
  kube(path, {
    method: "PATCH",
    headers: { "content-type": "application/json-patch+json" },
    body: JSON.stringify(ops),
  });
const doubleCache = async () =>
  ((await (await fetch(`${optimizerUrl}/__double/cache`)).json()) as { entries: unknown[] }).entries;
const scenario = (name: string) =>
  fetch(`${optimizerUrl}/__double/scenario`, { method: "POST", body: JSON.stringify({ name }) });

beforeAll(async () => {
  optimizer = createOptimizerServer({ seed: 1, noise: 0, recoverMs: 1000, unit: "percent" });
  await new Promise<void>((r) => optimizer.listen(0, "127.0.0.1", r));
  optimizerUrl = `http://127.0.0.1:${(optimizer.address() as AddressInfo).port}`;
  getDb = (await import("@/lib/db/client")).getDb;
  await getDb().service.update({ where: { name: "api-optimizer" }, data: { metricsBaseUrl: optimizerUrl } });
  cache = await import("./cache-ops");
  config = await import("./config-ops");
  tune = await import("./autotune-ops");
  maint = await import("./maintenance-run");
}, 60_000);
afterAll(async () => {
  await new Promise((r) => optimizer?.close(r));
});

describe("cache operations", () => {
  it("a snapshot is kept with size and checksum, and restoring it brings the double's cache back", async () => {
    const before = await doubleCache();
    const incidentId = await declareTestIncident("Cache trouble");
    const { op, snapshot } = await cache.runCacheSnapshot(
      { service: "api-optimizer", requestId: rid() },
      rafael,
    );
    expect(op.outcome).toBe("succeeded");
    expect(op.incidentId).toBe(incidentId);
    expect(snapshot).toMatchObject({ entryCount: before.length });
    expect(snapshot!.checksum).toMatch(/^[0-9a-f]{64}$/);

    await fetch(`${optimizerUrl}/__double/cache`, {
      method: "PUT",
      body: JSON.stringify({ entries: [{ key: "junk" }] }),
    });
    const preview = await cache.previewCacheRestore(snapshot!.id);
    expect(preview.current?.hitRatio).toBeGreaterThan(0);
    const restored = await cache.runCacheRestore({ snapshotId: snapshot!.id, requestId: rid() }, cora);
    expect(restored.op.outcome).toBe("succeeded");
    expect(await doubleCache()).toEqual(before);

    const events = await getDb().timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.body).filter((b) => b.startsWith("Cache"))).toEqual([
      expect.stringMatching(
        /^Cache snapshot #\d+ on api-optimizer by Rafael Responder succeeded in \d+ ms — snapshot #/,
      ),
      expect.stringMatching(/^Cache restore #\d+ on api-optimizer by Cora Commander succeeded/),
    ]);
  });

  it("a snapshot whose stored bytes changed is refused and nothing is sent", async () => {
    const { snapshot } = await cache.runCacheSnapshot({ service: "api-optimizer", requestId: rid() }, rafael);
    await getDb().cacheSnapshot.update({ where: { id: snapshot!.id }, data: { body: '{"entries":[]}' } });
    await expect(cache.runCacheRestore({ snapshotId: snapshot!.id, requestId: rid() }, cora)).rejects.toThrow(
      /fails its checksum/,
    );
  });

  it("the same confirmation twice optimizes once; a failing optimizer is recorded as failed", async () => {
    const requestId = rid();
    const first = await cache.runCacheOptimize({ service: "api-optimizer", requestId }, rafael);
    const again = await cache.runCacheOptimize({ service: "api-optimizer", requestId }, rafael);
    expect(again).toMatchObject({ repeat: true, op: { id: first.op.id } });
    const hits = (await (await fetch(`${optimizerUrl}/__double/requests`)).json()) as Record<string, number>;
    expect(hits["POST /cache/optimize"]).toBe(1);

    await fetch(`${optimizerUrl}/__double/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/cache/optimize", mode: "500", times: 1 }),
    });
    const failing = rid();
    await expect(
      cache.runCacheOptimize({ service: "api-optimizer", requestId: failing }, rafael),
    ).rejects.toThrow("The optimizer answered 500 to POST /cache/optimize.");
    const row = await getDb().optimizerOperation.findUniqueOrThrow({ where: { requestId: failing } });
    expect(row).toMatchObject({
      outcome: "failed",
      error: "The optimizer answered 500 to POST /cache/optimize.",
    });
  });
});

describe("ConfigMap and Secret backups", () => {
  it("backs up the ConfigMap, shows the dry-run diff of a restore after a change, and restores it", async () => {
    const original = (await kube(CM)).data;
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    expect(backup).toMatchObject({ kind: "ConfigMap", name: "api-optimizer-config", encrypted: false });
    await patchKube(CM, [{ op: "replace", path: "/data/default_ttl", value: "1m" }]);

    const preview = await config.previewConfigRestore(backup!.id, cora);
    expect(preview.diff).toEqual([{ path: "data.default_ttl", before: "1m", after: original.default_ttl }]);
    expect((await kube(CM)).data.default_ttl).toBe("1m"); // the dry run changed nothing

    const { op } = await config.runConfigRestore(
      { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
      cora,
    );
    expect(op).toMatchObject({ outcome: "succeeded", diff: preview.diff });
    expect((await kube(CM)).data).toEqual(original);
  });

  it("refuses a restore when the ConfigMap changed after the diff was shown", async () => {
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    await patchKube(CM, [{ op: "replace", path: "/data/cache_size", value: "5" }]);
    const preview = await config.previewConfigRestore(backup!.id, cora);
    await patchKube(CM, [{ op: "replace", path: "/data/cache_size", value: "6" }]);
    await expect(
      config.runConfigRestore(
        { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
        cora,
      ),
    ).rejects.toThrow(/changed since the diff was shown/);
    expect((await kube(CM)).data.cache_size).toBe("6");
  });

  it("keeps a Secret sealed in Postgres, masks it in the diff and restores its exact bytes", async () => {
    const original = (await kube(SECRET)).data;
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "Secret", requestId: rid() },
      rafael,
    );
    const row = await getDb().configBackup.findUniqueOrThrow({ where: { id: backup!.id } });
    expect(row.encrypted).toBe(true);
    expect(row.content.startsWith("fbx1.")).toBe(true);
    expect(row.content).not.toContain("demo-not-a-real-key");
    expect(row.content).not.toContain(original.upstream_api_key);

    const changed = Buffer.from("rotated-by-mistake").toString("base64");
    await patchKube(SECRET, [{ op: "replace", path: "/data/upstream_api_key", value: changed }]);
    const preview = await config.previewConfigRestore(backup!.id, cora);
    expect(preview.diff).toEqual([
      { path: "data.upstream_api_key", before: "•••••• (18 bytes)", after: "•••••• (19 bytes)" },
    ]);
    expect(JSON.stringify(preview)).not.toContain(original.upstream_api_key);
    expect(preview.kubectl).toContain("sealed values of backup");
    await config.runConfigRestore(
      { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
      cora,
    );
    expect((await kube(SECRET)).data).toEqual(original);
  });

  it("a responder's restore is refused by the cluster (impersonated RBAC), recorded as failed", async () => {
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    await patchKube(CM, [{ op: "replace", path: "/data/eviction_policy", value: "fifo" }]);
    const preview = await config.previewConfigRestore(backup!.id, cora);
    await expect(
      config.runConfigRestore(
        { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
        rafael,
      ),
    ).rejects.toThrow(/not allowed to patch configmap/);
  });
});

describe("auto-tuning", () => {
  it("proposes the exact ConfigMap diff from live metrics and changes nothing until applied", async () => {
    await scenario("cache_thrash"); // hit 55 %, p95 8 ms, 120 requests/s: all three rules fire
    const before = await kube(CM);
    const p = await tune.proposeAutotune("api-optimizer", cora);
    expect(p.metrics).toEqual({ cacheHitPct: 55, p95Ms: 8, rps: 120 });
    expect(p.diff).toEqual([
      { path: "data.cache_size", before: "1000", after: "1200" },
      { path: "data.default_ttl", before: "10m", after: "15m" },
      { path: "data.max_connections", before: "25", after: "50" },
    ]);
    expect((await kube(CM)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    const { op } = await tune.runAutotuneApply(
      {
        service: "api-optimizer",
        resourceVersion: p.configMap.resourceVersion,
        changes: p.changes,
        requestId: rid(),
      },
      cora,
    );
    expect(op.diff).toEqual(p.diff);
    expect((await kube(CM)).data).toMatchObject({
      cache_size: "1200",
      default_ttl: "15m",
      max_connections: "50",
    });
    await scenario("healthy");
  });

  it("refuses a change no rule makes, and a proposal the ConfigMap has moved past", async () => {
    await scenario("latency_spike");
    const p = await tune.proposeAutotune("api-optimizer", cora);
    const forged = p.changes.map((c) => ({ ...c, to: "999m" }));
    await expect(
      tune.runAutotuneApply(
        {
          service: "api-optimizer",
          resourceVersion: p.configMap.resourceVersion,
          changes: forged,
          requestId: rid(),
        },
        cora,
      ),
    ).rejects.toThrow(/not what the auto-tuning rule sets/);
    await patchKube(CM, [{ op: "replace", path: "/data/default_ttl", value: "2m" }]);
    await expect(
      tune.runAutotuneApply(
        {
          service: "api-optimizer",
          resourceVersion: p.configMap.resourceVersion,
          changes: p.changes,
          requestId: rid(),
        },
        cora,
      ),
    ).rejects.toThrow(/changed since the proposal; nothing was applied/);
    expect((await kube(CM)).data.default_ttl).toBe("2m");
    await scenario("healthy");
  });
});

describe("weekly maintenance", () => {
  it("runs the checklist with each item's result", async () => {
    await cache.runCacheSnapshot({ service: "api-optimizer", requestId: rid() }, rafael);
    await config.runConfigBackup({ service: "api-optimizer", kind: "ConfigMap", requestId: rid() }, rafael);
    await config.runConfigBackup({ service: "api-optimizer", kind: "Secret", requestId: rid() }, rafael);
    const { op } = await maint.runMaintenance(
      {
        service: "api-optimizer",
        requestId: rid(),
        manual: { log_rotation: "done" },
        notes: { log_rotation: "rotated on all 3 pods" },
      },
      rafael,
    );
    expect(op.outcome).toBe("succeeded");
    expect(op.items.map((i) => [i.name, i.status])).toEqual([
      ["Cache optimization", "ok"],
      ["Log rotation", "done"],
      ["Performance tuning", "ok"],
      ["Backup verification", "ok"],
      ["Security scan", "skipped"],
    ]);
    expect(op.items[2]!.detail).toMatch(/change\(s\) proposed, not applied|no change proposed/);
  });

  it("fails the run when the optimizer does not answer, and says which step", async () => {
    await fetch(`${optimizerUrl}/__double/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/cache/optimize", mode: "500", times: 1 }),
    });
    const { op } = await maint.runMaintenance(
      { service: "api-optimizer", requestId: rid(), manual: {}, notes: {} },
      rafael,
    );
    expect(op.outcome).toBe("failed");
    expect(op.items[0]).toMatchObject({ name: "Cache optimization", status: "failed" });
    expect(op.error).toContain("Cache optimization");
  });
});
