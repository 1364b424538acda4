import type { APIRequestContext, Page } from "@playwright/test";

import { KUBE, OPTIMIZER, resetKube, setScenario } from "./doubles";
import { actAs, expect, test } from "./fixtures";

// Optimizer operations as a commander (runbook 001 · Backup and Recovery, Performance Tuning):
// each is previewed, then confirmed, against the e2e optimizer and Kubernetes doubles.
const CM = `${KUBE}/api/v1/namespaces/default/configmaps/api-optimizer-config`;

async function cacheEntries(request: APIRequestContext): Promise<unknown[]> {
  const res = await request.get(`${OPTIMIZER}/__double/cache`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { entries: unknown[] }).entries;
}

async function setCache(request: APIRequestContext, entries: unknown[]): Promise<void> {
  expect((await request.put(`${OPTIMIZER}/__double/cache`, { data: { entries } })).ok()).toBe(true);
}

async function configMap(request: APIRequestContext): Promise<Record<string, string>> {
  return ((await (await request.get(CM)).json()) as { data: Record<string, string> }).data;
}

/** Confirms the preview's form and returns the id in its "… #N" success message. */
async function confirm(page: Page, form: string, button: string, idPattern: RegExp): Promise<number> {
  const f = page.getByRole("form", { name: form });
  await f.getByRole("button", { name: button }).click();
  const status = f.getByRole("status");
  await expect(status).toContainText("succeeded");
  const match = idPattern.exec((await status.textContent()) ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

test.beforeEach(async ({ context, baseURL, request }) => {
  await resetKube(request);
  await setScenario(request, "healthy");
  await actAs(context, "Cora Commander", baseURL!, "commander");
});

test.afterAll(async ({ request }) => {
  await resetKube(request);
  await setScenario(request, "healthy");
});

test("cache snapshot then restore from it: the optimizer double's cache round-trips", async ({
  page,
  request,
}) => {
  const original = [
    { key: `route:/v1/e2e-${Date.now()}`, ttl: "15m" },
    { key: "route:/v1/orders", ttl: "5m" },
  ];
  await setCache(request, original);
  await page.goto("/optimizer?service=api-optimizer");
  await page.getByRole("link", { name: "Take a snapshot…" }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("POST /cache/snapshot");
  const snapshotId = await confirm(
    page,
    "Confirm snapshot",
    "Confirm snapshot",
    /snapshot #(\d+): 2 entries/,
  );

  await setCache(request, [{ key: "route:/v1/changed-after-snapshot", ttl: "1m" }]);
  await page.getByRole("link", { name: `Restore snapshot #${snapshotId}…` }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText(`Restore cache snapshot #${snapshotId}`);
  await expect(preview).toContainText("2 entries");
  await expect(preview).toContainText("checksum verified");
  expect(await cacheEntries(request)).toEqual([{ key: "route:/v1/changed-after-snapshot", ttl: "1m" }]);

  await confirm(
    page,
    "Confirm cache restore",
    `Confirm restore of snapshot #${snapshotId}`,
    /Cache restore #(\d+)/,
  );
  await expect.poll(() => cacheEntries(request)).toEqual(original);
});

test("ConfigMap backup, a change, then a restore that shows the diff and restores", async ({
  page,
  request,
}) => {
  const seeded = await configMap(request);
  await page.goto("/optimizer?service=api-optimizer");
  await page.getByRole("link", { name: "Back up ConfigMap…" }).click();
  const backupId = await confirm(
    page,
    "Confirm ConfigMap backup",
    "Confirm ConfigMap backup",
    /backup #(\d+): 4 keys/,
  );

  const changed = await request.patch(CM, {
    headers: { "content-type": "application/json-patch+json" },
    data: [{ op: "replace", path: "/data/default_ttl", value: "1m" }],
  });
  expect(changed.ok()).toBe(true);

  await page.getByRole("link", { name: `Restore backup #${backupId}…` }).click();
  const diff = page.getByRole("table", { name: "Restore diff" });
  await expect(diff.getByRole("row")).toHaveCount(2);
  await expect(diff.getByRole("row").nth(1)).toHaveText(`data.default_ttl1m${seeded.default_ttl}`);
  expect((await configMap(request)).default_ttl).toBe("1m");

  await confirm(
    page,
    "Confirm configuration restore",
    `Confirm restore of backup #${backupId}`,
    /restore #(\d+)/,
  );
  await expect.poll(() => configMap(request)).toEqual(seeded);
});

test("auto-tuning proposal shows the exact ConfigMap diff and applies only on confirm", async ({
  page,
  request,
}) => {
  await setScenario(request, "cache_thrash"); // hit 55 %, p95 8 ms, 120 requests/s (noise 0)
  await page.goto("/optimizer?service=api-optimizer");
  await page.getByRole("link", { name: "Compute auto-tuning proposal…" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByLabel("Readings")).toContainText(
    "Cache hit ratio 55%, p95 latency 8 ms, 120 requests/s",
  );
  const rows = preview.getByRole("table", { name: "ConfigMap diff" }).getByRole("row");
  await expect(rows).toHaveText([
    "KeyNowAfter",
    "data.cache_size10001200",
    "data.default_ttl10m15m",
    "data.max_connections2550",
  ]);
  await expect(preview.getByLabel("kubectl command")).toHaveText(
    `kubectl patch configmap api-optimizer-config -n default --type='json' -p='[{"op":"replace","path":"/data/cache_size","value":"1200"},{"op":"replace","path":"/data/default_ttl","value":"15m"},{"op":"replace","path":"/data/max_connections","value":"50"}]'`,
  );
  expect(await configMap(request)).toMatchObject({
    cache_size: "1000",
    default_ttl: "10m",
    max_connections: "25",
  });

  await confirm(page, "Apply auto-tuning", "Apply these changes", /Auto-tuning change #(\d+)/);
  expect(await configMap(request)).toMatchObject({
    cache_size: "1200",
    default_ttl: "15m",
    max_connections: "50",
  });
});
