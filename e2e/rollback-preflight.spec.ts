import type { APIRequestContext } from "@playwright/test";

import { actAs, expect, test } from "./fixtures";

// The Kubernetes API double of the e2e stack (doubles/kube-api/stack.json "e2e").
const KUBE = "http://127.0.0.1:18180";
const SERVICE = `${KUBE}/api/v1/namespaces/default/services/api-optimizer`;

async function realPatches(request: APIRequestContext): Promise<number> {
  const res = await request.get(`${KUBE}/__double/requests?method=PATCH`);
  const { requests } = (await res.json()) as { requests: Array<{ query: Record<string, string> }> };
  return requests.filter((r) => r.query.dryRun !== "All").length;
}

async function selector(request: APIRequestContext): Promise<Record<string, string>> {
  return ((await (await request.get(SERVICE)).json()) as { spec: { selector: Record<string, string> } }).spec
    .selector;
}

test.beforeEach(async ({ request }) => {
  expect((await request.post(`${KUBE}/__double/reset`)).ok()).toBe(true);
});

test.afterAll(async ({ request }) => {
  await request.post(`${KUBE}/__double/reset`);
});

async function openRollback(
  page: import("@playwright/test").Page,
  declarePage: import("./pages/declare-page").DeclarePage,
) {
  await declarePage.goto();
  await declarePage.severity("SEV-1").check();
  await declarePage.title.fill("api-optimizer errors after a deploy");
  await declarePage.service.fill("api-optimizer");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await page.getByRole("button", { name: "Emergency rollback → stable" }).click();
  return page.getByRole("dialog", { name: /Emergency rollback/ });
}

test("rollback on a Service whose selector has no version label is refused in plain words and nothing is sent; the add-label variant shows the pods it would select", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  await actAs(context, "Riley Responder", baseURL!, "responder");
  const removed = await request.patch(SERVICE, {
    headers: { "content-type": "application/json-patch+json" },
    data: [{ op: "remove", path: "/spec/selector/version" }],
  });
  expect(removed.ok()).toBe(true);
  await request.delete(`${KUBE}/__double/requests`);

  const dialog = await openRollback(page, declarePage);
  await expect(dialog.getByRole("alert").filter({ hasText: "Refused" })).toContainText(
    'Refused: The selector of Service api-optimizer (app=api-optimizer) has no "version" label',
  );
  await expect(dialog.getByRole("button", { name: "Confirm emergency rollback" })).toBeDisabled();
  expect(await realPatches(request)).toBe(0);

  await dialog.getByRole("button", { name: "Add version to the selector…" }).click();
  await expect(dialog.getByLabel("Pre-flight")).toHaveText("3 ready pods will serve after the switch");
  await expect(
    dialog.getByRole("list", { name: "Pods the new selector selects" }).getByRole("listitem"),
  ).toHaveCount(3);
  await expect(dialog.getByLabel("kubectl command")).toHaveText(
    `kubectl patch service api-optimizer -n default --type=json -p '[{"op":"test","path":"/spec/selector","value":{"app":"api-optimizer"}},{"op":"add","path":"/spec/selector/version","value":"stable"}]'`,
  );
  expect(await realPatches(request)).toBe(0);
  await dialog.getByRole("button", { name: "Confirm: add version=stable to the selector" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => selector(request)).toEqual({ app: "api-optimizer", version: "stable" });
});

test("rollback is refused when the stable pods are not ready, and nothing is sent", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  await actAs(context, "Riley Responder", baseURL!, "responder");
  const pods = (await (
    await request.get(
      `${KUBE}/api/v1/namespaces/default/pods?labelSelector=app%3Dapi-optimizer,version%3Dstable`,
    )
  ).json()) as { items: Array<{ metadata: { name: string } }> };
  expect(pods.items).toHaveLength(3);
  for (const pod of pods.items) {
    const res = await request.patch(`${KUBE}/api/v1/namespaces/default/pods/${pod.metadata.name}/status`, {
      headers: { "content-type": "application/merge-patch+json" },
      data: { status: { conditions: [{ type: "Ready", status: "False" }] } },
    });
    expect(res.ok()).toBe(true);
  }
  await request.delete(`${KUBE}/__double/requests`);

  const dialog = await openRollback(page, declarePage);
  await expect(dialog.getByLabel("Pre-flight")).toHaveText(
    "0 ready pods will serve after the switch (3 not ready)",
  );
  await expect(dialog.getByRole("alert").filter({ hasText: "Refused" })).toContainText(
    "None of the 3 pods matching app=api-optimizer, version=stable is Ready",
  );
  await expect(dialog.getByRole("button", { name: "Confirm emergency rollback" })).toBeDisabled();
  expect(await realPatches(request)).toBe(0);
  expect((await selector(request)).version).toBe("new");
});
