import { KUBE, resetKube } from "./doubles";
import { actAs, expect, test } from "./fixtures";

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
  await resetKube(request);
});

test("a responder's containment waits for approval; a commander approves it in a second browser; it runs as the responder", async ({
  browser,
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  test.setTimeout(90_000);
  await actAs(context, "Rosa Responder", baseURL!, "responder");
  await declarePage.goto();
  await declarePage.severity("SEV-1").check();
  await declarePage.title.fill("Suspicious traffic on api-optimizer");
  await declarePage.service.fill("api-optimizer");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const incidentUrl = page.url();

  await page.getByRole("button", { name: "Security containment" }).click();
  const dialog = page.getByRole("dialog", { name: "Security containment" });
  await dialog.getByRole("button", { name: "Confirm security containment" }).click();
  await expect(dialog.getByRole("status")).toContainText(
    /waits for a second commander's approval \(request #\d+/,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const panel = page.getByRole("region", { name: "Approvals" });
  await expect(panel).toContainText("requested by Rosa Responder");
  await expect(panel).toContainText("Waiting for approval");
  await expect(panel.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  expect(await realWrites(request, "POST", "networkpolicies")).toEqual([]);

  const commanderContext = await browser.newContext();
  try {
    await actAs(commanderContext, "Cole Commander", baseURL!, "commander");
    const commanderPage = await commanderContext.newPage();
    await commanderPage.goto(incidentUrl);
    const commanderPanel = commanderPage.getByRole("region", { name: "Approvals" });
    await commanderPanel.getByRole("button", { name: /^Approve #\d+$/ }).click();
    await expect(commanderPanel).toContainText("Approved and run");
    await expect(commanderPanel).toContainText("decided by Cole Commander");
  } finally {
    await commanderContext.close();
  }

  // The requester's page follows live; the action ran with the requester's identity.
  await expect(panel).toContainText("Approved and run", { timeout: 15_000 });
  const writes = await realWrites(request, "POST", "networkpolicies");
  expect(writes).toHaveLength(1);
  expect(writes[0]!.impersonatedUser).toBe("responder+rosa-responder@firebreak.test");
  await page.reload();
  await expect(
    page
      .getByTestId("event-sentence")
      .filter({ hasText: /Security containment #\d+ by Rosa Responder succeeded/ }),
  ).toBeVisible();
  await expect(page.getByText(/Cole Commander approved approval #\d+/)).toBeVisible();
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
