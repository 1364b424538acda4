import { actAs, expect, test } from "./fixtures";

// The e2e Kubernetes API double (doubles/kube-api/stack.json "e2e"): impersonation-aware, with the
// demo RBAC (responder: default namespace; commander: everything) and a request log.
const KUBE = "http://127.0.0.1:18180";

type Logged = {
  method: string;
  path: string;
  query: Record<string, string>;
  impersonatedUser: string | null;
  impersonatedGroups?: string[];
};

async function realWrites(
  request: import("@playwright/test").APIRequestContext,
  method: string,
  pathPart: string,
): Promise<Logged[]> {
  const res = await request.get(
    `${KUBE}/__double/requests?method=${method}&path=${encodeURIComponent(pathPart)}`,
  );
  expect(res.ok()).toBe(true);
  const { requests } = (await res.json()) as { requests: Logged[] };
  return requests.filter((r) => r.query.dryRun !== "All");
}

test.beforeEach(async ({ request }) => {
  expect((await request.post(`${KUBE}/__double/reset`)).ok()).toBe(true);
});

test("a responder's rollback runs as the responder: the Kubernetes double's request log shows the impersonated user", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  test.setTimeout(60_000);
  await actAs(context, "Rory Responder", baseURL!, "responder");
  await declarePage.goto();
  await declarePage.severity("SEV-1").check();
  await declarePage.title.fill("api-optimizer latency after deploy");
  await declarePage.service.fill("api-optimizer");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);

  await page.getByRole("button", { name: "Emergency rollback → stable" }).click();
  const dialog = page.getByRole("dialog", { name: "Emergency rollback" });
  await expect(
    dialog.getByText("Runs in Kubernetes as responder+rory-responder@firebreak.test."),
  ).toBeVisible();
  await expect(dialog.getByText("Your Kubernetes credentials allow this.")).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm emergency rollback" }).click();
  await expect(page.getByRole("status", { name: "Action progress" })).toContainText(
    /Emergency rollback #\d+ succeeded/,
  );

  const patches = await realWrites(request, "PATCH", "services/api-optimizer");
  expect(patches).toHaveLength(1);
  expect(patches[0]).toMatchObject({
    impersonatedUser: "responder+rory-responder@firebreak.test",
    impersonatedGroups: expect.arrayContaining(["firebreak:responder"]),
  });
});
