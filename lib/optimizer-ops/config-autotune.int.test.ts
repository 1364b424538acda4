import { beforeAll, describe, expect, it } from "vitest";

import { CM, SECRET, cora, rafael, rid, setupOptimizerOpsHarness } from "@/lib/testing/optimizer-ops-harness";

// ConfigMap and Secret backups and auto-tuning against real PostgreSQL, the Kubernetes API double (a real process reached through
// client-node) and the optimizer double (its HTTP server in this process).
const h = setupOptimizerOpsHarness();

let config: typeof import("./config-ops");
let tune: typeof import("./autotune-ops");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  getDb = (await import("@/lib/db/client")).getDb;
  config = await import("./config-ops");
  tune = await import("./autotune-ops");
});

describe("ConfigMap and Secret backups", () => {
  it("backs up the ConfigMap, shows the dry-run diff of a restore after a change, and restores it", async () => {
    const original = (await h.kubeJson(CM)).data;
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    expect(backup).toMatchObject({ kind: "ConfigMap", name: "api-optimizer-config", encrypted: false });
    await h.patchKube(CM, [{ op: "replace", path: "/data/default_ttl", value: "1m" }]);

    const preview = await config.previewConfigRestore(backup!.id, cora);
    expect(preview.diff).toEqual([{ path: "data.default_ttl", before: "1m", after: original.default_ttl }]);
    expect((await h.kubeJson(CM)).data.default_ttl).toBe("1m"); // the dry run changed nothing

    const { op } = await config.runConfigRestore(
      { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
      cora,
    );
    expect(op).toMatchObject({ outcome: "succeeded", diff: preview.diff });
    expect((await h.kubeJson(CM)).data).toEqual(original);
  });

  it("refuses a restore when the ConfigMap changed after the diff was shown", async () => {
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    await h.patchKube(CM, [{ op: "replace", path: "/data/cache_size", value: "5" }]);
    const preview = await config.previewConfigRestore(backup!.id, cora);
    await h.patchKube(CM, [{ op: "replace", path: "/data/cache_size", value: "6" }]);
    await expect(
      config.runConfigRestore(
        { backupId: backup!.id, resourceVersion: preview.resourceVersion, requestId: rid() },
        cora,
      ),
    ).rejects.toThrow(/changed since the diff was shown/);
    expect((await h.kubeJson(CM)).data.cache_size).toBe("6");
  });

  it("keeps a Secret sealed in Postgres, masks it in the diff and restores its exact bytes", async () => {
    const original = (await h.kubeJson(SECRET)).data;
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
    await h.patchKube(SECRET, [{ op: "replace", path: "/data/upstream_api_key", value: changed }]);
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
    expect((await h.kubeJson(SECRET)).data).toEqual(original);
  });

  it("a responder's restore is refused by the cluster (impersonated RBAC), recorded as failed", async () => {
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "ConfigMap", requestId: rid() },
      rafael,
    );
    await h.patchKube(CM, [{ op: "replace", path: "/data/eviction_policy", value: "fifo" }]);
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
    await h.scenario("cache_thrash"); // hit 55 %, p95 8 ms, 120 requests/s: all three rules fire
    const before = await h.kubeJson(CM);
    const p = await tune.proposeAutotune("api-optimizer", cora);
    expect(p.metrics).toEqual({ cacheHitPct: 55, p95Ms: 8, rps: 120 });
    expect(p.diff).toEqual([
      { path: "data.cache_size", before: "1000", after: "1200" },
      { path: "data.default_ttl", before: "10m", after: "15m" },
      { path: "data.max_connections", before: "25", after: "50" },
    ]);
    expect((await h.kubeJson(CM)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

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
    expect((await h.kubeJson(CM)).data).toMatchObject({
      cache_size: "1200",
      default_ttl: "15m",
      max_connections: "50",
    });
    await h.scenario("healthy");
  });

  it("refuses a change no rule makes, and a proposal the ConfigMap has moved past", async () => {
    await h.scenario("latency_spike");
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
    await h.patchKube(CM, [{ op: "replace", path: "/data/default_ttl", value: "2m" }]);
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
    expect((await h.kubeJson(CM)).data.default_ttl).toBe("2m");
    await h.scenario("healthy");
  });
});
