import pg from "pg";

import { actAs, expect, test } from "./fixtures";
import { DeclarePage } from "./pages/declare-page";

test("without a session a page goes to sign-in and an API route answers 401", async ({ page }) => {
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fincidents$/);
  await expect(page.getByRole("button", { name: /^Sign in with/ })).toBeVisible();
  const res = await page.request.get("/api/metrics/overview");
  expect(res.status()).toBe(401);
});

test("a viewer cannot declare: the form is disabled and says why, and the same server action posted anyway is refused and writes nothing", async ({
  page,
  baseURL,
}) => {
  await actAs(page.context(), "Vera Viewer", baseURL!, "viewer");
  const declare = new DeclarePage(page);
  await declare.goto();
  await expect(page.getByRole("note").filter({ hasText: "Needs the responder role" })).toBeVisible();
  await expect(declare.submit).toBeDisabled();
  await expect(declare.title).toBeDisabled();

  // Post the very same server action from the viewer's browser: re-enable the form in the DOM
  // (what any user can do with the developer tools) and submit it.
  const title = `Viewer attempt ${Date.now()}`;
  await page.locator("fieldset[disabled]").evaluate((el) => el.removeAttribute("disabled"));
  await declare.title.fill(title);
  await declare.severity("SEV-3").check();
  await declare.service.fill("viewer-service");
  await declare.submit.click();
  await expect(page.getByRole("alert").filter({ hasText: "Your role does not allow this" })).toBeVisible();

  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test("a viewer sees the incident, scanner and services controls disabled or hidden, each with the role it needs", async ({
  page,
  baseURL,
}) => {
  // An open incident to look at (a viewer cannot declare one), written straight to the database.
  const db = new pg.Client({
    connectionString: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/firebreak_e2e",
  });
  await db.connect();
  let incidentId: number;
  try {
    const title = `Viewer gating ${Date.now()}`;
    const row = await db.query<{ id: number }>(
      `INSERT INTO incidents (title, severity, service, declared_by) VALUES ($1, 'SEV2', 'gating-service', 'Cora Commander') RETURNING id`,
      [title],
    );
    incidentId = row.rows[0]!.id;
  } finally {
    await db.end();
  }
  await actAs(page.context(), "Vera Viewer", baseURL!, "viewer");

  await page.goto(`/incidents/${incidentId}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(
    timeline.getByRole("note").filter({ hasText: "Needs the responder role: you can see this" }),
  ).toBeVisible();
  await expect(timeline.getByRole("button", { name: "Add note", exact: true })).toBeDisabled();
  await expect(timeline.getByRole("textbox", { name: /^Note \(Markdown/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Acknowledge", exact: true })).toBeDisabled();
  const controls = page.getByRole("complementary", { name: "Incident controls" });
  await expect(
    controls.getByRole("note").filter({ hasText: "Needs the commander role: you can see this" }),
  ).toBeVisible();
  await expect(controls.getByRole("button", { name: "Change status", exact: true })).toBeDisabled();

  await page.goto("/incidents");
  await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "Needs the responder role" })).toBeVisible();

  await page.goto("/scanner");
  await expect(page.getByRole("note").filter({ hasText: "Needs the responder role" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ingest file" })).toBeDisabled();

  await page.goto("/dashboards/services");
  await expect(page.getByRole("link", { name: "Add service" })).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "Needs the admin role" })).toBeVisible();
});
