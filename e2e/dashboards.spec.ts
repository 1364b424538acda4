import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { actAs } from "./fixtures";

// The optimizer double of doubles/optimizer/stack.json (e2e: port 18190, --noise 0, so the
// latency spike's p95 is exactly 60 ms) and COLLECTOR_INTERVAL_SCALE=0.05 (fast group every 1.5 s).
const DOUBLE = "http://127.0.0.1:18190";
const SERVICE = "api-optimizer";
// Hysteresis (2 to raise, 4 to clear) at 1.5 s plus the overview's 3 s refresh, with headroom
// for a loaded 2-core machine.
const LEVEL_TIMEOUT = 30_000;

async function setScenario(request: APIRequestContext, name: string): Promise<number> {
  const res = await request.post(`${DOUBLE}/__double/scenario`, { data: { name } });
  expect(res.ok(), `scenario ${name}`).toBe(true);
  return Date.now();
}

/** Records how long the overview took to show a level after the switch (in the JSON report). */
function noteTiming(what: string, since: number) {
  const description = `${what}: ${Date.now() - since} ms`;
  test.info().annotations.push({ type: "timing", description });
  console.log(`[timing] ${description}`);
}

type OverviewJson = {
  services: Array<{ name: string; level: string | null; reasons: Array<{ text: string }> }>;
};

async function serviceState(request: APIRequestContext) {
  const body = (await (await request.get("/api/metrics/overview")).json()) as OverviewJson;
  return body.services.find((s) => s.name === SERVICE);
}

function card(page: Page) {
  return page.getByRole("article", { name: SERVICE });
}

/** An admin: these tests declare from a signal and switch a service's auto-declare. */
async function signIn(page: Page) {
  await actAs(page.context(), "Dana On-call", test.info().project.use.baseURL!, "admin");
  await page.goto("/incidents");
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
}

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ request }) => {
  await setScenario(request, "healthy");
});

test("the overview follows the double: latency spike → SEV-1, cache thrash → SEV-2, outage → SEV-0, healthy clears after the hysteresis", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await setScenario(request, "healthy");
  await signIn(page);
  await page.goto("/dashboards");
  const svc = card(page);
  await expect(svc.getByTestId("sev-level")).toHaveText("no SEV", { timeout: LEVEL_TIMEOUT });
  await expect(svc.getByRole("img", { name: "P95 latency trend" })).toBeVisible({ timeout: LEVEL_TIMEOUT });
  await expect(svc.getByText("Active alerts: none")).toBeVisible();

  let since = await setScenario(request, "latency_spike");
  await expect(svc.getByTestId("sev-level")).toHaveText("SEV-1", { timeout: LEVEL_TIMEOUT });
  noteTiming("latency_spike → SEV-1 on the overview", since);
  await expect(svc.getByRole("list", { name: `Reasons for ${SERVICE}` })).toContainText("p95 60 ms > 50 ms");
  await expect(svc.getByRole("list", { name: "Active alerts" })).toContainText("HighLatencyP95");
  await expect(svc.getByRole("button", { name: `Declare SEV-1 incident for ${SERVICE}` })).toBeVisible();

  since = await setScenario(request, "cache_thrash");
  await expect(svc.getByTestId("sev-level")).toHaveText("SEV-2", { timeout: LEVEL_TIMEOUT });
  noteTiming("cache_thrash → SEV-2 on the overview", since);
  await expect(svc.getByRole("list", { name: `Reasons for ${SERVICE}` })).toContainText(
    "cache hit 55 % < 60 %",
  );

  since = await setScenario(request, "outage");
  await expect(svc.getByTestId("sev-level")).toHaveText("SEV-0", { timeout: LEVEL_TIMEOUT });
  noteTiming("outage → SEV-0 on the overview", since);
  await expect(svc.getByRole("list", { name: `Reasons for ${SERVICE}` })).toContainText(
    "/health/live not 200",
  );
  await expect(svc.getByText(/alerts unavailable/)).toBeVisible();

  // Back to healthy: clean evaluations arrive while the level still holds at SEV-0 (the
  // hysteresis), and only then does it clear.
  since = await setScenario(request, "healthy");
  await expect
    .poll(
      async () => {
        const s = await serviceState(page.request);
        return s?.level === "SEV0" && s.reasons.length === 0;
      },
      { timeout: LEVEL_TIMEOUT, intervals: [200] },
    )
    .toBe(true);
  await expect(svc.getByTestId("sev-level")).toHaveText("no SEV", { timeout: LEVEL_TIMEOUT });
  noteTiming("healthy → cleared on the overview", since);
});

test("the auto-declare option is saved per service", async ({ page }) => {
  await signIn(page);
  await page.goto("/dashboards");
  const toggle = card(page).getByRole("checkbox", { name: `Auto-declare incidents for ${SERVICE}` });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
  await page.reload();
  await expect(toggle).not.toBeChecked();
});

test("Declare incident from the overview opens an incident whose timeline holds the metric snapshot", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await setScenario(request, "latency_spike");
  await page.goto("/dashboards");
  const declare = card(page).getByRole("button", { name: `Declare SEV-1 incident for ${SERVICE}` });
  await expect(declare).toBeVisible({ timeout: LEVEL_TIMEOUT });
  await declare.click();

  await expect(page).toHaveURL(/\/incidents\/\d+$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "SEV-1 on api-optimizer: p95 60 ms > 50 ms",
  );
  const breach = page.locator('[data-testid="timeline-event"][data-kind="metric_breach"]');
  await expect(breach.first()).toContainText("Metrics put the service at SEV-1");
  await expect(breach.first().getByRole("list", { name: "Reasons" })).toContainText("p95 60 ms > 50 ms");
  const snapshot = breach.first().getByRole("table", { name: "Metric snapshot" });
  await expect(snapshot.getByRole("row", { name: "P95 latency 60 ms" })).toBeVisible();
  await expect(breach.first()).toContainText("Dana On-call");
});

test("a service dashboard draws the runbook lines, switches range and shows the numbers as a table", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/dashboards/no-such-service");
  await expect(page.getByRole("heading", { name: "Service not under watch" })).toBeVisible();
  await page.goto(`/dashboards/${SERVICE}?tab=latency&range=15m`);
  const chart = page.getByRole("region", { name: "P95 latency (ms)" });
  await expect(chart.getByText("warning 10 ms · critical 50 ms")).toBeVisible();
  await expect(
    chart.getByTestId("chart-p95_latency_ms").locator("path.recharts-curve").first(),
  ).toBeVisible();

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "6 h" }).click();
  await expect(page).toHaveURL(/range=6h/);
  await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: "System" }).click();
  await expect(
    page.getByRole("region", { name: "CPU usage (%)" }).getByText("warning 70 % · critical 90 %"),
  ).toBeVisible();

  const cpu = page.getByRole("region", { name: "CPU usage (%)" });
  await cpu.getByRole("button", { name: "Show table" }).click();
  await expect(cpu.getByRole("columnheader", { name: "CPU usage (%)" })).toBeVisible();
  await expect(cpu.getByRole("cell", { name: /^\d+(\.\d+)? %$/ }).first()).toBeVisible();
});
