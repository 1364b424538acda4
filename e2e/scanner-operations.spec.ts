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
