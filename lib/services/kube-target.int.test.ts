import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createWatchedService } from "@/lib/testing/watched-service";

// Saving a service refuses a Kubernetes target outside the configured allowlist.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBE_ALLOWED_NAMESPACES: "default,prod/payments",
    KUBE_ALLOWED_CONTEXTS: "prod,staging",
  });
});
afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db.drop();
});

const count = async () => (await import("@/lib/db/client")).getDb().service.count();

describe("saving a service's Kubernetes target", () => {
  it.each([
    [
      "kube-system",
      { k8sNamespace: "kube-system" },
      "k8sNamespace",
      /Namespace "kube-system" is not in the allowed/,
    ],
    [
      "payments outside prod",
      { k8sContext: "staging", k8sNamespace: "payments" },
      "k8sNamespace",
      /staging\/payments/,
    ],
    ["an unlisted context", { k8sContext: "dev", k8sNamespace: "default" }, "k8sContext", /Context "dev"/],
  ])("refuses %s beside the field and stores nothing", async (_what, target, field, message) => {
    const before = await count();
    await expect(createWatchedService("refused-target", target)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { [field]: [expect.stringMatching(message)] },
    });
    expect(await count()).toBe(before);
  });

  it("accepts allowed targets, and refuses an edit that moves a service outside them", async () => {
    const svc = await createWatchedService("allowed-target", {
      k8sContext: "prod",
      k8sNamespace: "payments",
    });
    const { updateService } = await import("./commands");
    await expect(
      updateService(svc.id, {
        name: svc.name,
        metricsSource: svc.metricsSource,
        metricsBaseUrl: svc.metricsBaseUrl,
        promQueries: {},
        ratioUnit: svc.ratioUnit,
        thresholdOverrides: {},
        k8sContext: "prod",
        k8sNamespace: "kube-system",
        k8sDeployment: svc.k8s.deployment,
        k8sService: svc.k8s.service,
        selectorLabel: svc.k8s.selectorLabel,
        stableValue: svc.k8s.stableValue,
        autoDeclare: false,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
