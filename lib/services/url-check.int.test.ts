import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createWatchedService } from "@/lib/testing/watched-service";

// Saving a service refuses a metrics base URL the collector would refuse to fetch (lib/net).
// The test stack allows only loopback (vitest.config.ts OUTBOUND_ALLOW_CIDRS=127.0.0.0/8).
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db.drop();
});

const count = async () => (await import("@/lib/db/client")).getDb().service.count();

describe("saving a service's metrics base URL", () => {
  it.each([
    ["the cloud metadata address", "http://169.254.169.254/latest/meta-data", /link-local or cloud metadata/],
    ["IPv6 metadata", "http://[fd00:ec2::254]", /link-local or cloud metadata/],
    ["a private address outside the allowlist", "http://10.0.0.8:8080", /private or loopback address/],
  ])("refuses %s beside the field and stores nothing", async (_what, metricsBaseUrl, message) => {
    const before = await count();
    await expect(createWatchedService("refused-url", { metricsBaseUrl })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { metricsBaseUrl: [expect.stringMatching(message)] },
    });
    expect(await count()).toBe(before);
  });

  it("accepts an allowlisted address, and refuses switching it to metadata on update", async () => {
    const s = await createWatchedService("allowed-url", { metricsBaseUrl: "http://127.0.0.1:18090" });
    const { updateService } = await import("./commands");
    const { getServiceByName } = await import("./queries");
    await expect(
      updateService(s.id, {
        name: s.name,
        metricsSource: "optimizer",
        metricsBaseUrl: "http://169.254.169.254",
        promQueries: {},
        ratioUnit: "percent",
        thresholdOverrides: {},
        k8sNamespace: "default",
        k8sDeployment: s.name,
        k8sService: s.name,
        selectorLabel: "version",
        stableValue: "stable",
        autoDeclare: false,
      }),
    ).rejects.toMatchObject({ fieldErrors: { metricsBaseUrl: [expect.any(String)] } });
    expect((await getServiceByName("allowed-url"))?.metricsBaseUrl).toBe("http://127.0.0.1:18090");
  });

  it("refuses an upstream health URL at the metadata address beside its field, and keeps an allowed one", async () => {
    const before = await count();
    await expect(
      createWatchedService("refused-upstream", { upstreamHealthUrl: "http://169.254.169.254/health" }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { upstreamHealthUrl: [expect.stringMatching(/link-local or cloud metadata/)] },
    });
    expect(await count()).toBe(before);
    const s = await createWatchedService("with-upstream", {
      upstreamHealthUrl: "http://127.0.0.1:18091/health",
    });
    expect(s.upstreamHealthUrl).toBe("http://127.0.0.1:18091/health");
  });

  it("refuses a services file whose upstream health URL is outside the allowlist, applying nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fb-url-check-"));
    const file = join(dir, "services.yaml");
    await writeFile(
      file,
      [
        "services:",
        "  - name: up-private",
        "    metricsBaseUrl: 'http://127.0.0.1:18090'",
        "    upstreamHealthUrl: 'http://10.0.0.8/health'",
        "    ratioUnit: percent",
        "    k8sDeployment: a",
        "    k8sService: a",
      ].join("\n"),
    );
    const { applyServicesFile } = await import("./config-file");
    const before = await count();
    await expect(applyServicesFile(file)).rejects.toThrow(
      /services\[0\]\.upstreamHealthUrl: .*private or loopback address/,
    );
    expect(await count()).toBe(before);
  });

  it("refuses a services file naming the metadata address, applying nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fb-url-check-"));
    const file = join(dir, "services.yaml");
    await writeFile(
      file,
      [
        "services:",
        "  - { name: fine, metricsBaseUrl: 'http://127.0.0.1:18090', ratioUnit: percent, k8sDeployment: a, k8sService: a }",
        "  - { name: meta, metricsBaseUrl: 'http://169.254.169.254', ratioUnit: percent, k8sDeployment: b, k8sService: b }",
      ].join("\n"),
    );
    const { applyServicesFile } = await import("./config-file");
    const before = await count();
    await expect(applyServicesFile(file)).rejects.toThrow(
      /services\[1\]\.metricsBaseUrl: 169\.254\.169\.254 is a link-local or cloud metadata address/,
    );
    expect(await count()).toBe(before);
  });
});
