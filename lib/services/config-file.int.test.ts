import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

let db: TestDatabase;
let dir: string;
let cfg: typeof import("./config-file");
let queries: typeof import("./queries");

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  dir = await mkdtemp(path.join(tmpdir(), "fb-services-"));
  cfg = await import("./config-file");
  queries = await import("./queries");
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db.drop();
});

async function file(name: string, text: string) {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
}

describe("services config file", () => {
  it("applies the committed demo file (YAML) and upserts by name on the next start", async () => {
    const demo = path.resolve("doubles/optimizer/demo-services.yaml");
    expect(await cfg.applyServicesFile(demo)).toEqual({ file: demo, applied: ["api-optimizer"] });
    const s = await queries.getServiceByName("api-optimizer");
    expect(s).toMatchObject({
      metricsBaseUrl: "http://127.0.0.1:18090",
      ratioUnit: "percent",
      k8s: {
        namespace: "default",
        deployment: "api-optimizer",
        service: "api-optimizer",
        selectorLabel: "version",
        stableValue: "stable",
      },
    });
    const changed = await file(
      "changed.json",
      JSON.stringify({
        services: [
          {
            name: "api-optimizer",
            metricsBaseUrl: "http://127.0.0.1:18090",
            ratioUnit: "fraction",
            k8sDeployment: "api-optimizer",
            k8sService: "api-optimizer",
            thresholdOverrides: { p95_latency_ms: { warning: 20 } },
          },
        ],
      }),
    );
    await cfg.applyServicesFile(changed);
    const after = await queries.getServiceByName("api-optimizer");
    expect(after?.id).toBe(s?.id);
    expect(after).toMatchObject({
      ratioUnit: "fraction",
      thresholdOverrides: { p95_latency_ms: { warning: 20 } },
    });
  });

  it("an invalid file names the file and each bad field, and applies nothing (not even its valid entries)", async () => {
    const bad = await file(
      "bad.yaml",
      [
        "services:",
        "  - name: valid-one",
        "    metricsBaseUrl: http://127.0.0.1:1",
        "    ratioUnit: percent",
        "    k8sDeployment: a",
        "    k8sService: a",
        "  - name: broken",
        "    metricsBaseUrl: http://127.0.0.1:1",
        "    k8sDeployment: b",
        "    k8sService: b",
        "    thresholdOverrides: { p99: { warning: 3 } }",
      ].join("\n"),
    );
    const err = await cfg.applyServicesFile(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cfg.ServicesFileError);
    const message = (err as Error).message;
    expect(message).toContain(bad);
    expect(message).toContain("nothing applied");
    expect(message).toMatch(/services\[1\]\.ratioUnit: Declare how this service reports ratios/);
    expect(message).toMatch(/services\[1\]\.thresholdOverrides/);
    expect(await queries.getServiceByName("valid-one")).toBeNull();
  });

  it("refuses unparseable YAML, a missing file and duplicate names", async () => {
    await expect(cfg.applyServicesFile(await file("x.yaml", "services: [ {name: a"))).rejects.toThrow(
      /not valid YAML/,
    );
    await expect(cfg.applyServicesFile(path.join(dir, "missing.yaml"))).rejects.toThrow(
      /missing\.yaml[\s\S]*cannot read/,
    );
    const dup = {
      name: "dup",
      metricsBaseUrl: "http://x.test",
      ratioUnit: "percent",
      k8sDeployment: "d",
      k8sService: "d",
    };
    await expect(
      cfg.applyServicesFile(await file("dup.json", JSON.stringify({ services: [dup, dup] }))),
    ).rejects.toThrow(/services\[1\]\.name: duplicate of services\[0\]\.name/);
  });
});
