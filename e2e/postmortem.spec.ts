import { resetKube, setScenario } from "./doubles";
import { actAs, expect, test } from "./fixtures";

test.afterEach(async ({ request }) => {
  await setScenario(request, "healthy");
});

test("the postmortem contains the incident's pinned events and the rollback with its verification time", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
  incidentPage,
}) => {
  test.setTimeout(90_000);
  await resetKube(request);
  await setScenario(request, "outage");
  await actAs(context, "Riley Responder", baseURL!);
  await declarePage.goto();
  await declarePage.severity("SEV-0").check();
  await declarePage.title.fill("api-optimizer outage for the postmortem");
  await declarePage.service.fill("api-optimizer");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const incidentId = Number(new URL(page.url()).pathname.split("/").at(-1));

  await incidentPage.addNote("Pinned: the 2.1.1 deploy matches the start");
  await incidentPage.event("Pinned: the 2.1.1").getByRole("button", { name: "Pin" }).click();
  await expect(incidentPage.event("Pinned: the 2.1.1")).toContainText("pinned by Riley Responder");
  await incidentPage.addNote("Unpinned chatter");
  await expect(incidentPage.event("Unpinned chatter")).toBeVisible();

  await page.getByRole("button", { name: "Emergency rollback → stable" }).click();
  const dialog = page.getByRole("dialog", { name: "Emergency rollback" });
  await expect(dialog.getByRole("button", { name: "Confirm emergency rollback" })).toBeFocused();
  await page.keyboard.press("Enter");
  const progress = page.getByRole("status", { name: "Action progress" });
  await expect(progress).toContainText(/Emergency rollback #\d+ succeeded/);
  await setScenario(request, "recovering");
  await expect(progress).toContainText(/Verified: verified in [\d.]+ s/, { timeout: 30_000 });

  await page.getByRole("link", { name: "Postmortem" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}/postmortem$`));
  const preview = page.getByRole("article", { name: "Postmortem preview" });
  await expect(preview).toContainText("Riley Responder: Note: Pinned: the 2.1.1 deploy matches the start");
  await expect(preview).not.toContainText("Unpinned chatter");
  const rollback =
    /Emergency rollback #\d+ of default\/api-optimizer by Riley Responder: succeeded in \d+ ms; verified at \d\d:\d\d:\d\d UTC/;
  await expect(preview).toContainText(rollback);

  // The latency chart of the incident window: an image on the page, drawn from the stored samples,
  // and linked from the Markdown.
  const latency = page
    .getByRole("region", { name: "Metric charts" })
    .getByRole("img", { name: "P95 latency (ms)" });
  await expect(latency).toBeVisible();
  await expect
    .poll(() => latency.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBeGreaterThan(0);
  const chartSrc = await latency.getAttribute("src");
  expect(chartSrc).toBe(`/api/incidents/${incidentId}/postmortem/chart?metric=p95_latency_ms`);
  const chart = await page.request.get(chartSrc!);
  expect(chart.status()).toBe(200);
  expect(chart.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  const svg = await chart.text();
  expect(svg).toContain(`aria-label="P95 latency, api-optimizer, incident #${incidentId}"`);
  expect(svg).toMatch(/<polyline points="[\d.]+,[\d.]+/);
  expect(svg).toContain(">declared</text>");

  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}/postmortem\\?version=1$`));
  await expect(page.getByText("Version 1, saved by Riley Responder")).toBeVisible();

  const download = await page.request.get(`/api/incidents/${incidentId}/postmortem?version=1`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toBe(
    `attachment; filename="incident-${incidentId}-postmortem-v1.md"`,
  );
  const markdown = await download.text();
  expect(markdown).toContain("Pinned: the 2.1.1 deploy matches the start");
  expect(markdown).toMatch(rollback);
  expect(markdown).toMatch(
    new RegExp(
      `!\\[P95 latency \\(ms\\)\\]\\(\\S*/api/incidents/${incidentId}/postmortem/chart\\?metric=p95_latency_ms\\)`,
    ),
  );
});
