import { expect, test, type Page } from "@playwright/test";

import { actAs } from "./fixtures";

// Each test watches its own throwaway service; the demo service api-optimizer (used by the SEV
// tracker and the other specs) is never touched. The optimizer double of the e2e stack serves
// as a reachable metrics base URL.
const METRICS_URL = "http://127.0.0.1:18190";

/** Watched services are an admin's to change. */
async function signIn(page: Page) {
  await actAs(page.context(), "Dana On-call", test.info().project.use.baseURL!, "admin");
  await page.goto("/dashboards/services");
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
}

function serviceForm(page: Page) {
  return {
    name: page.getByLabel("Name", { exact: true }),
    baseUrl: page.getByLabel("Metrics base URL"),
    ratioUnit: page.getByLabel(/^Ratio unit/),
    deployment: page.getByLabel("Deployment", { exact: true }),
    k8sService: page.getByLabel("Service", { exact: true }),
    p95Warning: page.getByLabel("P95 latency warning", { exact: true }),
    formError: page.getByRole("alert").filter({ hasText: "Please fix the highlighted fields." }),
  };
}

async function openNewServiceForm(page: Page) {
  await page.goto("/dashboards/services");
  await page.getByRole("link", { name: "Add service" }).click();
  await expect(page.getByRole("heading", { name: "Add a service" })).toBeVisible();
  return serviceForm(page);
}

const uniqueName = (prefix: string) => `${prefix}-${Date.now()}`;

test("adding a service with no ratio unit, a p95 warning above critical and a bad base URL shows each error beside its field and adds nothing", async ({
  page,
}) => {
  const name = uniqueName("svc-refused");
  await signIn(page);
  const form = await openNewServiceForm(page);
  await form.name.fill(name);
  await form.baseUrl.fill("not a url");
  await form.deployment.fill(name);
  await form.k8sService.fill(name);
  await form.p95Warning.fill("60"); // the runbook's p95 critical is 50 ms
  await page.getByRole("button", { name: "Add service" }).click();

  await expect(form.formError).toBeVisible();
  await expect(page).toHaveURL(/\/dashboards\/services\/new$/);
  await expect(form.ratioUnit).toHaveAttribute("aria-invalid", "true");
  await expect(form.ratioUnit).toHaveAccessibleDescription(
    "Declare how this service reports ratios: percent (0–100) or fraction (0–1)",
  );
  await expect(form.baseUrl).toHaveAttribute("aria-invalid", "true");
  await expect(form.baseUrl).toHaveAccessibleDescription(/Must be an http\(s\) URL/);
  await expect(form.p95Warning).toHaveAttribute("aria-invalid", "true");
  await expect(form.p95Warning).toHaveAccessibleDescription(
    "warning 60 must be ≤ critical 50 (above = breach)",
  );
  // Fields that were fine carry no error, and what was typed is still there.
  await expect(form.name).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.name).toHaveValue(name);
  await expect(form.p95Warning).toHaveValue("60");

  await page.goto("/dashboards/services");
  await expect(page.getByRole("heading", { name: "Services under watch" })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a fixed service form adds the service; its edit form shows the saved p95 warning, a change persists, and delete removes it", async ({
  page,
}) => {
  const name = uniqueName("svc-watched");
  await signIn(page);
  const form = await openNewServiceForm(page);
  await form.name.fill(name);
  await form.baseUrl.fill(METRICS_URL);
  await form.deployment.fill(name);
  await form.k8sService.fill(name);
  await form.p95Warning.fill("60");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(form.formError).toBeVisible();
  await expect(form.p95Warning).toHaveAttribute("aria-invalid", "true");

  // Fix it: declare the ratio unit and a warning below the 50 ms critical.
  await form.ratioUnit.selectOption("percent");
  await form.p95Warning.fill("20");
  await page.getByRole("button", { name: "Add service" }).click();

  await expect(page).toHaveURL(/\/dashboards\/services$/);
  const link = page.getByRole("link", { name, exact: true });
  await expect(link).toBeVisible();
  const row = page.getByRole("row").filter({ has: link });
  await expect(row.getByRole("cell", { name: "percent", exact: true })).toBeVisible();
  await expect(row.getByRole("cell").nth(4)).toHaveText("1"); // one metric with overrides

  await link.click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
  const edit = serviceForm(page);
  await expect(edit.p95Warning).toHaveValue("20");
  await expect(edit.ratioUnit).toHaveValue("percent");
  await edit.p95Warning.fill("30");
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page).toHaveURL(/\/dashboards\/services$/);

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
  await expect(serviceForm(page).p95Warning).toHaveValue("30");

  const confirms: string[] = [];
  page.once("dialog", (d) => {
    confirms.push(d.message());
    void d.accept();
  });
  await page.getByRole("button", { name: "Delete service" }).click();
  await expect(page).toHaveURL(/\/dashboards\/services$/);
  await expect(page.getByRole("heading", { name: "Services under watch" })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  expect(confirms).toEqual([`Stop watching ${name}? Its stored samples are deleted too.`]);
  await page.goto(`/dashboards/services`);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});
