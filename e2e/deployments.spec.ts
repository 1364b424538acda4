import type { APIRequestContext, Page } from "@playwright/test";

import { sql } from "./db";
import { KUBE, resetKube, setScenario } from "./doubles";
import { actAs, expect, test } from "./fixtures";

// The deployment watch of runbook 001 · Deployment Procedures ("Monitor for 10 minutes", a quick
// health check every minute, rollback on failure), with the minute scaled to 3 s by the e2e
// configuration (DEPLOY_WATCH_INTERVAL_SCALE in playwright.config.ts): the same code path.
const SERVICE = `${KUBE}/api/v1/namespaces/default/services/api-optimizer`;

async function selectorVersion(request: APIRequestContext): Promise<string | undefined> {
  const svc = (await (await request.get(SERVICE)).json()) as { spec: { selector: Record<string, string> } };
  return svc.spec.selector.version;
}

test.beforeEach(async ({ request }) => {
  // The demo cluster starts on version=new: put traffic on stable so the switch has work to do.
  await resetKube(request);
  const patched = await request.patch(SERVICE, {
    headers: { "content-type": "application/json-patch+json" },
    data: [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
  });
  expect(patched.ok()).toBe(true);
  await setScenario(request, "healthy");
  // The pre-check refuses a switch while a SEV-1+ incident of the service is open; earlier specs
  // leave theirs open.
  await sql(
    `UPDATE incidents SET status = 'closed', closed_at = now()
     WHERE service = 'api-optimizer' AND status NOT IN ('resolved', 'closed')`,
  );
});

test.afterEach(async ({ request }) => {
  await setScenario(request, "healthy");
  await resetKube(request);
});

/** Pre-checks and dry run, then confirm: returns the id of the watch that started. */
async function startBlueGreen(page: Page): Promise<number> {
  await page.goto("/deployments");
  const check = page.getByRole("form", { name: "Check a switch" });
  await check.getByLabel("Service").selectOption("api-optimizer");
  await check.getByLabel("Kind").selectOption("blue_green");
  await check.getByRole("button", { name: "Run pre-checks and dry run" }).click();
  const plan = page.getByLabel("Switch plan");
  await expect(plan.getByRole("list", { name: "Pre-checks" }).getByRole("listitem")).toHaveText([
    /^✓ version=new pods ready: 3/,
    "✓ /health/live: answered 200",
    "✓ /health/ready: answered 200",
    "✓ no SEV-1+ open: none open for the service",
  ]);
  await expect(plan).toContainText("Dry run: service default/api-optimizer: version stable → new");
  await plan.getByRole("button", { name: "Confirm switch" }).click();
  const started = plan.getByRole("status").filter({ hasText: /watch #\d+ started/ });
  await expect(started).toHaveText(/^Traffic switched to new; watch #\d+ started\.$/);
  return Number((await started.textContent())!.match(/watch #(\d+)/)![1]);
}

async function checksRecorded(watchId: number): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM deployment_watch_checks WHERE watch_id = $1`,
    [watchId],
  );
  return row!.n;
}

test("a blue-green switch whose service turns unhealthy at check 3 is rolled back to stable by its watch, on the page and the incident's timeline", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
  incidentPage,
}) => {
  test.setTimeout(120_000);
  await actAs(context, "Casey Commander", baseURL!);
  const incidentId = await declarePage.declare({
    title: "api-optimizer 2.2.0 rollout",
    severity: "SEV-2",
    service: "api-optimizer",
  });

  const watchId = await startBlueGreen(page);
  expect(await selectorVersion(request)).toBe("new");
  const card = page.getByRole("article", { name: `Watch #${watchId}` });
  await expect(card.getByRole("status", { name: "Watch state" })).toHaveText("Watching");
  await expect(card).toContainText("a check every 3 s");

  // The optimizer turns unhealthy between check 2 and check 3 (read from the database, well
  // inside the 3 s before check 3 is due).
  await expect.poll(() => checksRecorded(watchId), { timeout: 30_000, intervals: [100] }).toBe(2);
  await setScenario(request, "outage");

  await expect(card.getByRole("status", { name: "Watch state" })).toHaveText("Rolled back", {
    timeout: 30_000,
  });
  const results = card.getByRole("list", { name: "Check results" }).getByRole("listitem");
  await expect(results).toHaveText([
    /^Check 1: passed — \/health\/live 200, \/health\/ready 200, no SEV-1\+ condition/,
    /^Check 2: passed — /,
    /^Check 3: FAILED — \/health\/live 503; \/health\/ready 503/,
  ]);
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "3 / 10");
  const outcome =
    /check 3\/10 failed \(\/health\/live 503.*\) — rolled back automatically to version=stable \(action #(\d+)\)/;
  await expect(card).toContainText(outcome);
  await expect(card.getByRole("button", { name: "Roll back to stable" })).toHaveCount(0);
  expect(await selectorVersion(request)).toBe("stable");

  // Recorded: the rollback is an action run of the incident and an event on its timeline.
  const rollbackId = Number((await card.textContent())!.match(outcome)![1]);
  const [run] = await sql<{ kind: string; outcome: string; actor: string; incident_id: number }>(
    `SELECT kind::text, outcome::text, actor, incident_id FROM action_runs WHERE id = $1`,
    [rollbackId],
  );
  expect(run).toEqual({
    kind: "rollback",
    outcome: "succeeded",
    actor: "Firebreak (deployment watch)",
    incident_id: incidentId,
  });
  await setScenario(request, "recovering");
  await incidentPage.goto(incidentId);
  await expect(
    incidentPage.event(`Deployment watch #${watchId} (api-optimizer → new): check 3/10 failed`),
  ).toContainText(/rolled back automatically to version=stable \(action #\d+\)/);
  await expect(incidentPage.event(`Emergency rollback #${rollbackId} by Firebreak`)).toContainText(
    "succeeded",
  );
});

test("a blue-green switch of a healthy service completes all 10 checks and keeps traffic on the new version", async ({
  page,
  context,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  await actAs(context, "Casey Commander", baseURL!);
  const watchId = await startBlueGreen(page);
  const card = page.getByRole("article", { name: `Watch #${watchId}` });
  await expect(card.getByRole("status", { name: "Watch state" })).toHaveText("Completed", {
    timeout: 90_000,
  });
  const results = card.getByRole("list", { name: "Check results" }).getByRole("listitem");
  await expect(results).toHaveText(
    Array.from({ length: 10 }, (_, i) => new RegExp(`^Check ${i + 1}: passed`)),
  );
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "10 / 10");
  await expect(card).toContainText("all 10 checks passed; traffic stays on new");
  expect(await selectorVersion(request)).toBe("new");
});

test("a rollout Firebreak observes is watched from the page, and when it degrades its undo is offered and runs only on a person's click", async ({
  page,
  context,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const DEPLOYMENT = `${KUBE}/apis/apps/v1/namespaces/default/deployments/api-optimizer`;
  const image = async () =>
    (
      (await (await request.get(DEPLOYMENT)).json()) as {
        spec: { template: { spec: { containers: Array<{ image: string }> } } };
      }
    ).spec.template.spec.containers[0]!.image;
  // `kubectl set image`: the cluster makes revision 4.
  const rolled = await request.patch(DEPLOYMENT, {
    headers: { "content-type": "application/json-patch+json" },
    data: [
      {
        op: "replace",
        path: "/spec/template/spec/containers/0/image",
        value: "registry.local/api-optimizer:2.2.0",
      },
    ],
  });
  expect(rolled.ok()).toBe(true);

  await actAs(context, "Casey Commander", baseURL!);
  await page.goto("/deployments");
  const rollout = page.getByRole("listitem", { name: "Rollout of api-optimizer" });
  await expect(rollout).toContainText("default/api-optimizer revision 4");
  await expect(rollout).toContainText("api-optimizer:2.2.0");
  await expect(rollout).toContainText("before: revision 3 (api-optimizer:2.1.1)");
  // The page re-reads the cluster on load (it refreshes by itself only while a watch runs).
  await expect(async () => {
    await page.reload();
    await expect(rollout).toContainText("3/3 ready · 3 updated", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await rollout.getByRole("button", { name: "Watch this rollout" }).click();
  await expect(rollout).toContainText(/Watched: watch #\d+ \(watching\)/);
  const watchId = Number((await rollout.textContent())!.match(/watch #(\d+)/)![1]);
  const card = page.getByRole("article", { name: `Watch #${watchId}` });
  await expect(card).toContainText(`#${watchId} api-optimizer → revision 4`);

  await expect.poll(() => checksRecorded(watchId), { timeout: 30_000, intervals: [100] }).toBe(2);
  await setScenario(request, "outage");
  await expect(card.getByRole("status", { name: "Watch state" })).toHaveText("Degraded", { timeout: 30_000 });
  await expect(card).toContainText(
    /check 3\/10 failed \(.*\) — rollout undo to revision 3 is offered; nothing was undone/,
  );
  expect(await image()).toBe("registry.local/api-optimizer:2.2.0");

  await setScenario(request, "healthy");
  await card.getByRole("button", { name: "Undo rollout → revision 3" }).click();
  await expect(card.getByRole("status", { name: "Watch state" })).toHaveText("Rolled back");
  await expect(card).toContainText(
    /rolled back to revision 3 \(rollout undo\) by Casey Commander after 3 checks \(action #\d+\)/,
  );
  expect(await image()).toBe("registry.local/api-optimizer:2.1.1");
  // The undo is a new revision of its own, not watched yet.
  await expect(async () => {
    await page.reload();
    await expect(rollout).toContainText("revision 5", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rollout.getByRole("button", { name: "Watch this rollout" })).toBeVisible();
});
