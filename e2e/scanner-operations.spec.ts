import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { actAs } from "./fixtures";
import { RUNBOOK_CANARY_FLAGS } from "../lib/testing/runbook-commands";

// The scan target double of the e2e stack (doubles/scan-target/stack.json) and the file where the
// ApiHunter double records each command it was run with.
const TARGET = "http://127.0.0.1:18195";
const ARGV_LOG = path.resolve(".data/e2e/apihunter-argv.ndjson");
const lastArgv = (): string[] =>
  (JSON.parse(readFileSync(ARGV_LOG, "utf8").trim().split("\n").at(-1) ?? "{}") as { argv: string[] }).argv;

async function submit(page: Page, form: string, button: string) {
  const f = page.getByRole("form", { name: form });
  await f.getByRole("button", { name: button }).click();
  await expect(f.getByRole("status")).toBeVisible({ timeout: 15_000 });
}

const stage = (page: Page, n: number) =>
  page.getByRole("list", { name: "Canary stages" }).getByRole("listitem").nth(n);
const scanRow = (page: Page, status: string) =>
  page.getByRole("row").filter({ has: page.locator(`[data-status="${status}"]`) });

test("scanner operations: authorization, passive baseline, a runbook canary, an operator report, back to passive", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await fetch(`${TARGET}/__double/behaviour`, {
    method: "POST",
    body: JSON.stringify({ vulnerable: false, latencyMs: 0, failRate: 0, hangRate: 0 }),
  });
  const env = `e2e-${Date.now().toString(36)}`;
  await actAs(page.context(), "Casey Commander", baseURL!, "commander");
  await page.goto(`/scanner/operations?env=${env}`);
  await expect(page.getByRole("heading", { name: `Scanner operations · ${env}` })).toBeVisible();

  await page
    .getByLabel("URLs, one per line")
    .fill(Array.from({ length: 10 }, (_, i) => `${TARGET}/api/items/${i}`).join("\n"));
  await submit(page, "Approve targets", "Approve targets");
  await expect(page.getByRole("heading", { name: "Approved targets (10)" })).toBeVisible();

  const authorization = page.getByRole("form", { name: "Record an authorization" });
  await authorization.getByLabel("Authorized by").fill("Olivia Owner");
  await authorization.getByLabel("Document link").fill("https://docs.example.com/scan-authorization/7");
  await authorization.getByLabel("Expires").fill("2099-01-01T00:00");
  await submit(page, "Record an authorization", "Record authorization");
  await expect(page.getByLabel("Authorization in force")).toContainText("Olivia Owner");
  await expect(stage(page, 1)).toContainText("Gate closed: Stage 1 needs a stored passive baseline");

  await submit(page, "Run the passive baseline", "Run passive baseline");
  await expect(scanRow(page, "completed")).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByRole("link", { name: /report \(run #\d+\)/ })).toBeVisible();

  const active = page.getByRole("form", { name: "Run an active stage" });
  await active.getByLabel("Percent of targets (canaries)").fill("10");
  await submit(page, "Run an active stage", "Run stage");
  await expect(scanRow(page, "completed")).toHaveCount(2, { timeout: 90_000 });
  const argv = lastArgv();
  expect(argv.slice(2, 12)).toEqual(RUNBOOK_CANARY_FLAGS);
  expect(argv).toContain("--no-auto-report");
  await expect(stage(page, 3)).toContainText(
    "Gate closed: Stage 3 needs two consecutive clean canary runs; there is one.",
  );

  const canary = page.getByRole("row", { name: /Scan \d+/ }).filter({ hasText: "1 · canary" });
  await canary.getByRole("button", { name: "Owner reports impact" }).click();
  await expect(canary.getByRole("alert")).toContainText("operator report");
  const backToPassive = canary.getByRole("form", { name: /Back to passive after scan/ });
  await backToPassive.getByRole("button", { name: "Back to passive" }).click();
  await expect(backToPassive.getByRole("status")).toContainText("queued");
  // Passive baseline, canary, and now the back-to-passive rerun: three completed scans.
  await expect(scanRow(page, "completed")).toHaveCount(3, { timeout: 120_000 });
  const back = lastArgv();
  expect(back).not.toContain("--active-checks");
  expect(back.slice(2, 6)).toEqual(["--concurrency", "2", "--delay-ms", "500"]);
});

const behave = (b: Record<string, unknown>) =>
  fetch(`${TARGET}/__double/behaviour`, {
    method: "POST",
    body: JSON.stringify({ vulnerable: false, latencyMs: 0, failRate: 0, hangRate: 0, ...b }),
  }).then((r) => expect(r.ok).toBe(true));

test("scanner rollback: triage before widening, a flaky target fires the retry trigger, an incident with the notes template pre-filled, back to passive", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(360_000);
  await behave({});
  const env = `e2e-rb-${Date.now().toString(36)}`;
  await actAs(page.context(), "Casey Commander", baseURL!, "commander");
  await page.goto(`/scanner/operations?env=${env}`);
  await page
    .getByLabel("URLs, one per line")
    .fill(Array.from({ length: 10 }, (_, i) => `${TARGET}/api/items/${i}`).join("\n"));
  await submit(page, "Approve targets", "Approve targets");
  const authorization = page.getByRole("form", { name: "Record an authorization" });
  await authorization.getByLabel("Authorized by").fill("Olivia Owner");
  await authorization.getByLabel("Document link").fill("https://docs.example.com/scan-authorization/8");
  await authorization.getByLabel("Expires").fill("2099-01-01T00:00");
  await submit(page, "Record an authorization", "Record authorization");

  // Stage 0 on a hardened target, then a stage 1 canary (one URL) on a vulnerable one: three new
  // HIGH findings (CORS reflection, a debug endpoint, the gateway actuator), not above the spike limit.
  await submit(page, "Run the passive baseline", "Run passive baseline");
  await expect(scanRow(page, "completed")).toHaveCount(1, { timeout: 60_000 });
  await behave({ vulnerable: true });
  const active = page.getByRole("form", { name: "Run an active stage" });
  await active.getByLabel("Percent of targets (canaries)").fill("10");
  await submit(page, "Run an active stage", "Run stage");
  await expect(scanRow(page, "completed")).toHaveCount(2, { timeout: 90_000 });
  await expect(page.getByRole("heading", { name: "HIGH/CRITICAL triage (3 untriaged)" })).toBeVisible();
  await expect(stage(page, 2)).toContainText("Gate closed: 3 HIGH/CRITICAL finding(s) are untriaged");

  // Triage each HIGH finding with a verdict and a reason; the widening gate opens after the last.
  for (const [n, verdict] of [
    [2, "false positive"],
    [1, "accepted risk"],
    [0, "fixed"],
  ] as const) {
    const form = page
      .getByRole("form", { name: /^Triage / })
      .filter({ has: page.getByRole("button", { name: "Triage", exact: true }) })
      .first();
    await form.getByLabel("Verdict").selectOption({ label: verdict });
    await form.getByLabel("Why").fill(`lab target, ${verdict}`);
    await form.getByRole("button", { name: "Triage", exact: true }).click();
    await expect(page.getByRole("heading", { name: `HIGH/CRITICAL triage (${n} untriaged)` })).toBeVisible({
      timeout: 15_000,
    });
  }
  await expect(page.locator("[data-triaged]")).toHaveCount(3);
  await expect(page.getByRole("table", { name: "False positives per scanner" })).toContainText("%");
  await expect(stage(page, 2)).toContainText("Gate open");

  // A flaky target (every answer a 503, retried once): stage 2 on half the targets crosses 0.35.
  await behave({ failRate: 1 });
  await active.getByLabel("Stage").selectOption("canary2");
  await active.getByLabel("Percent of targets (canaries)").fill("50");
  await submit(page, "Run an active stage", "Run stage");
  const canary2 = page.getByRole("row", { name: /Scan \d+/ }).filter({ hasText: "2 · canary" });
  await expect(canary2.getByRole("alert")).toContainText(/retry ratio 0\.\d+ > 0\.35/, { timeout: 120_000 });
  await expect(canary2.locator('[data-status="completed"]')).toBeVisible({ timeout: 60_000 });
  const canaryId = Number((await canary2.getAttribute("aria-label"))!.replace("Scan ", ""));

  // Open an incident from the trigger: the runbook's notes template arrives pre-filled.
  const open = canary2.getByRole("form", { name: `Open an incident from scan ${canaryId}` });
  await open.getByRole("button", { name: "Open incident" }).click();
  await page.waitForURL(new RegExp(`/incidents/\\d+\\?notesFromScan=${canaryId}$`), { timeout: 20_000 });
  const incidentUrl = page.url().replace(/\?.*$/, "");
  const notes = page.getByRole("form", { name: "Add incident notes from the template" });
  await expect(notes.getByLabel("Target subset")).toHaveValue(
    new RegExp(`^stage 2 · canary on ${env}: 5 URLs \\(50 % subset`),
  );
  await expect(notes.getByLabel("Command / options used")).toHaveValue(
    /^apihunter --urls \S+ --active-checks --no-discovery --concurrency 4 --delay-ms 250 --retries 1 --timeout-secs 8 /,
  );
  await expect(notes.getByLabel("Metric values at trigger point")).toHaveValue(
    /retry ratio 0\.\d+ > 0\.35 \(\d+ retries of \d+ requests\)/,
  );
  await expect(notes.getByLabel("Run timestamp")).toHaveValue(/^\d{4}-\d\d-\d\dT/);
  await expect(notes.getByLabel("Impacted scanners")).not.toHaveValue("");
  await expect(notes.getByLabel("Rollback action taken")).toHaveValue(/^Back to passive \(not yet run\)/);
  await expect(notes.getByLabel("Follow-up tuning decisions")).toHaveValue(/^Retry pressure:/);
  await expect(
    page.getByTestId("event-sentence").filter({ hasText: `Rollback trigger on scan #${canaryId}` }),
  ).toBeVisible();
  await notes.getByRole("button", { name: "Add template note" }).click();
  await expect(page.getByRole("article", { name: "Incident notes (ApiHunter template)" })).toContainText(
    "retry ratio",
  );

  // Back to passive from the trigger: the gentle passive rerun completes and lands on the incident.
  await behave({});
  await page.goto(`/scanner/operations?env=${env}`);
  await expect(canary2.getByRole("link", { name: /Incident #\d+/ })).toBeVisible();
  const backForm = canary2.getByRole("form", { name: `Back to passive after scan ${canaryId}` });
  await backForm.getByRole("button", { name: "Back to passive" }).click();
  await expect(backForm.getByRole("status")).toContainText("queued");
  await expect(scanRow(page, "completed")).toHaveCount(4, { timeout: 120_000 });
  const back = lastArgv();
  expect(back).not.toContain("--active-checks");
  expect(back.slice(2, 6)).toEqual(["--concurrency", "2", "--delay-ms", "500"]);
  await page.goto(incidentUrl);
  await expect(
    page
      .getByTestId("event-sentence")
      .filter({ hasText: /back-to-passive rerun, .*\) completed: \d+ findings?/ }),
  ).toBeVisible();
});
