import { resetKube, setScenario } from "./doubles";
import { actAs, expect, test } from "./fixtures";

test.beforeEach(async ({ request }) => {
  await resetKube(request);
  await setScenario(request, "outage");
});

test.afterEach(async ({ request }) => {
  await setScenario(request, "healthy");
});

test("the declarer is commander, a rollback counts as the response, and Mark mitigated is offered after verification", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
  incidentPage,
  reviewPage,
}) => {
  test.setTimeout(75_000);
  await actAs(context, "Riley Responder", baseURL!);
  await declarePage.goto();
  await declarePage.severity("SEV-1").check();
  await declarePage.title.fill(`api-optimizer outage ${Date.now()}`);
  await declarePage.service.fill("api-optimizer");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const incidentUrl = page.url();

  await expect(page.getByRole("list", { name: "Roles" })).toContainText(
    "Incident Commander: Riley Responder",
  );
  const clock = page.getByRole("region", { name: "Response-target clock" });
  await expect(clock.getByTestId("clock-state")).toHaveText("Running");
  await expect(clock).toContainText(/left/);

  await page.getByRole("button", { name: "Emergency rollback → stable" }).click();
  const dialog = page.getByRole("dialog", { name: "Emergency rollback" });
  await dialog.getByRole("button", { name: "Confirm emergency rollback" }).click();
  await expect(dialog).toBeHidden();
  const progress = page.getByRole("status", { name: "Action progress" });
  await expect(progress).toContainText(/Emergency rollback #\d+ succeeded/);
  await setScenario(request, "recovering");
  await expect(progress).toContainText(/Verified: verified in [\d.]+ s/, { timeout: 25_000 });

  // The verified rollback makes the page offer "Mark mitigated"; the clock has stopped at the rollback.
  const mitigate = page.getByRole("form", { name: "Mark mitigated" });
  await expect(mitigate).toBeVisible({ timeout: 10_000 });
  await expect(clock.getByTestId("clock-state")).toHaveText("Met");
  await expect(clock).toContainText("Action by Riley Responder");
  await mitigate.getByRole("button", { name: "Mark mitigated" }).click();
  await expect(incidentPage.status).toHaveText("Mitigated");

  await page.goto(`${incidentUrl}/review`);
  await expect(reviewPage.clockState).toHaveText("Met");
  await expect(page.getByTestId("clock-detail")).toContainText(
    /First response after .+: Action by Riley Responder/,
  );
  const response = reviewPage.entries.filter({ hasText: "first response" });
  await expect(response).toHaveCount(1);
  await expect(response).toContainText(/Emergency rollback #\d+ by Riley Responder succeeded/);
});
