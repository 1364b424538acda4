import { resetKube, setScenario } from "./doubles";
import { actAs, expect, test } from "./fixtures";

test.beforeEach(async ({ request }) => {
  await resetKube(request);
});

// Leave the optimizer healthy for the specs that follow (the SEV tracker acts on open incidents).
test.afterEach(async ({ request }) => {
  await setScenario(request, "healthy");
});

test("latency_spike: the SEV-1 playbook runs Step 1, the high-latency rule recommends rollback, the action step rolls back and it is verified; steps on the timeline and in the review", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
  incidentPage,
}) => {
  test.setTimeout(90_000);
  await setScenario(request, "latency_spike");
  await actAs(context, "Riley Responder", baseURL!);
  const id = await declarePage.declare({
    title: "p95 spike after 2.1.1",
    severity: "SEV-1",
    service: "api-optimizer",
  });

  const steps = page.getByRole("list", { name: "Steps of SEV-1: Major Performance Degradation" });
  const step1 = steps.getByRole("listitem", { name: /^Step 1: Initial assessment/ });
  // Step 1 runs by itself when the playbook starts.
  await expect(step1.getByRole("list", { name: "Probe results" })).toContainText("p95 60 ms > 50 ms");
  await expect(step1.getByTestId("step-state")).toHaveText("done");
  await expect(step1).toContainText("/health/live 200");

  // Keyboard: j moves to the high-latency rule, Enter evaluates it.
  await page.keyboard.press("j");
  const rule = steps.getByRole("listitem", { name: "Recommended action for the p95 latency" });
  await expect(rule).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("Enter");
  await expect(rule.getByRole("note", { name: "Recommendation" })).toContainText(
    "CRITICAL: Consider immediate rollback",
  );
  await expect(rule).toContainText("→ Next: Emergency rollback (Service selector back to stable)");

  const rollbackStep = steps.getByRole("listitem", {
    name: "Emergency rollback (Service selector back to stable)",
  });
  await expect(rollbackStep).toContainText("Recommended by: Recommended action for the p95 latency");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rollbackStep).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("a");
  const dialog = page.getByRole("dialog", { name: "Emergency rollback" });
  await expect(dialog.getByRole("list", { name: "Dry-run diff" })).toHaveText("version: new → stable");
  const confirm = dialog.getByRole("button", { name: "Confirm emergency rollback" });
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(rollbackStep.getByTestId("step-state")).toHaveText("done");
  await expect(rollbackStep).toContainText(/Emergency rollback #\d+ succeeded — version: new → stable/);
  // Traffic on the stable version lets the service recover; verification sees it.
  await setScenario(request, "recovering");
  await expect(page.getByRole("status", { name: "Action progress" })).toContainText(/Verified: /, {
    timeout: 30_000,
  });

  // Each step and its evidence on the timeline.
  const stepEvents = incidentPage.events.filter({ hasText: "SEV-1: Major Performance Degradation ·" });
  await expect(stepEvents.filter({ hasText: "p95 60 ms > 50 ms; error rate" })).toHaveCount(1);
  await expect(stepEvents.filter({ hasText: "CRITICAL: Consider immediate rollback" })).toHaveCount(1);
  await expect(stepEvents.filter({ hasText: /Emergency rollback #\d+ succeeded/ })).toHaveCount(1);

  await page.goto(`/incidents/${id}/review`);
  const times = page.getByRole("table", { name: "Step times of SEV-1: Major Performance Degradation" });
  const reviewRow = (name: RegExp) => times.getByTestId("review-step").filter({ hasText: name });
  await expect(reviewRow(/^Step 1: Initial assessment/)).toContainText(/T\+\d+s< 2m 00smet/);
  await expect(reviewRow(/^Recommended action for the p95 latency/)).toContainText(/< 5m 00smet/);
  await expect(reviewRow(/^Emergency rollback/)).toContainText(/< 5m 00smet/);
  await expect(reviewRow(/^Step 3: System resources/)).toContainText(/< 15m 00sopen/);
});

test("outage: the SEV-0 playbook's first decision finds /health/live ≠ 200 and points to the emergency rollback", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  await setScenario(request, "outage");
  await actAs(context, "Riley Responder", baseURL!);
  await declarePage.declare({ title: "api-optimizer down", severity: "SEV-0", service: "api-optimizer" });

  const steps = page.getByRole("list", { name: "Steps of SEV-0: Critical System Down" });
  const step1 = steps.getByRole("listitem", { name: /^Step 1: Initial assessment/ });
  await expect(step1.getByRole("list", { name: "Probe results" })).toContainText("/health/live 503 ≠ 200");
  // The metrics endpoints answer 503 too: the step failed, said so, not passed.
  await expect(step1.getByTestId("step-state")).toHaveText("failed");

  const decision = steps.getByRole("listitem", { name: /^Step 2: Is the system down\?/ });
  await decision.getByRole("button", { name: "Evaluate" }).click();
  await expect(decision.getByRole("note", { name: "Recommendation" })).toContainText(
    "System down — initiate emergency rollback",
  );
  await expect(decision).toContainText("/health/live 503 ≠ 200");
  await expect(decision).toContainText("→ Next: Emergency rollback (Service selector back to stable)");
  await expect(
    steps.getByRole("listitem", { name: "Emergency rollback (Service selector back to stable)" }),
  ).toContainText("Recommended by: Step 2: Is the system down?");
});

test("cache_thrash: the low-cache guide shows size, evictions, TTL, invalidation rate and the < 50 % advice", async ({
  page,
  context,
  baseURL,
  request,
  declarePage,
}) => {
  await setScenario(request, "cache_thrash");
  await actAs(context, "Riley Responder", baseURL!);
  await declarePage.declare({ title: "cache hit ratio down", severity: "SEV-2", service: "api-optimizer" });
  // The SEV tracker reports the breached cache metric; the page offers its guide.
  const start = page.getByRole("button", { name: /^Start Low cache hit ratio investigation guide/ });
  await expect(start).toBeVisible({ timeout: 30_000 });
  await start.click();

  const steps = page.getByRole("list", { name: "Steps of Low cache hit ratio investigation guide" });
  await expect(steps.getByRole("listitem", { name: /^Current cache stats/ })).toContainText(
    "cache size 1500 entries",
  );
  await expect(steps.getByRole("listitem", { name: "Eviction patterns" })).toContainText(/evictions \d+/);
  await expect(steps.getByRole("listitem", { name: "TTL configuration" })).toContainText("default TTL 15m");
  await expect(steps.getByRole("listitem", { name: "Invalidation patterns" })).toContainText(
    "invalidation rate 42",
  );
  const advice = steps.getByRole("listitem", { name: "Recommended action for the hit ratio" });
  await advice.getByRole("button", { name: "Evaluate" }).click();
  const rec = advice.getByRole("note", { name: "Recommendation" });
  await expect(rec).toContainText("CRITICAL: Check for cache thrashing");
  await expect(rec).toContainText("Increase cache size");
  await expect(rec).toContainText("Review TTL settings");
  await expect(rec).toContainText("Check invalidation logic");
  await expect(advice).toContainText("hit ratio 42 % < 50 %");
});

test("SEV-0 Step 3: the playbook's error lines follow live while the tail is on", async ({
  page,
  context,
  baseURL,
  declarePage,
}) => {
  await actAs(context, "Riley Responder", baseURL!);
  await declarePage.declare({ title: "errors in the logs", severity: "SEV-0", service: "api-optimizer" });
  const title = "Step 3: Error lines in the logs since 15 minutes";
  const read = page
    .getByRole("list", { name: "Steps of SEV-0: Critical System Down" })
    .getByRole("listitem", { name: title });
  await read.getByRole("button", { name: "Live tail" }).click();
  await expect(read.getByRole("status")).toContainText("Following error lines (every 5 s)");
  // The step's 15-minute window first (the `new` pods log errors), then new lines as they come.
  const tail = read.getByRole("list", { name: `Live tail of ${title}` });
  await expect(tail.getByRole("listitem").first()).toContainText("level=error");
  await expect(read.getByRole("status")).toContainText(/· read \d/);
  await read.getByRole("button", { name: "Stop live tail" }).click();
  await expect(read.getByRole("status")).toContainText("Live tail stopped");
  await expect(tail.getByRole("listitem").first()).toContainText("level=error");
});

test("the Playbooks page lists every playbook and shows one as a readable runbook with its source", async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, "Riley Responder", baseURL!);
  await page.goto("/playbooks");
  for (const name of [
    "SEV-0: Critical System Down",
    "SEV-3: Warning Conditions",
    "High latency investigation guide",
  ])
    await expect(page.getByRole("link", { name })).toBeVisible();
  await page.getByRole("link", { name: "SEV-1: Major Performance Degradation" }).click();
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps).toContainText("Step 1: Initial assessment");
  await expect(steps).toContainText(
    "runbook 001 · Incident Response Playbook · Step 1: Initial Assessment (< 2 minutes) · line 83-96",
  );
  await expect(steps).toContainText("when result > 50 → CRITICAL: Consider immediate rollback");
  await page.getByText("Source: playbooks/sev-1.yaml (read-only)").click();
  await expect(page.getByLabel("Playbook source")).toContainText("id: sev-1");
});
