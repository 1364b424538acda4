import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { actAs } from "./fixtures";

import { SCANNER_REPORT_DIR } from "./report-dir";

// Each upload is a unique report (ingest refuses the same text twice): the contract's example
// with a fresh generated_at.
function report(
  mutate?: (doc: { meta: { generated_at: string; runtime_metrics: Record<string, unknown> } }) => void,
) {
  const doc = JSON.parse(
    readFileSync(new URL("../lib/scanner/fixtures/report-pretty.json", import.meta.url), "utf8"),
  );
  doc.meta.generated_at = new Date().toISOString();
  doc.meta.elapsed_ms = Math.floor(Math.random() * 1e9);
  mutate?.(doc);
  return Buffer.from(JSON.stringify(doc, null, 2));
}

/** Acting as a responder (ingesting reports needs scanner:run). */
async function signIn(page: Page, baseURL: string | undefined) {
  await actAs(page.context(), "Sam Scanner", baseURL!, "responder");
  await page.goto("/scanner");
  await expect(page.getByTestId("actor-name")).toHaveText("Sam Scanner");
}

async function upload(page: Page, name: string, buffer: Buffer) {
  const form = page.getByRole("form", { name: "Upload a report" });
  await form.getByLabel("Report file").setInputFiles({ name, mimeType: "application/json", buffer });
  await form.getByRole("button", { name: "Upload report" }).click();
  return form;
}

async function uploadedRunRow(page: Page, name: string, buffer: Buffer) {
  const form = await upload(page, name, buffer);
  const stored = form.getByRole("status");
  await expect(stored).toContainText(/Stored as run #\d+/);
  const id = /#(\d+)/.exec((await stored.textContent()) ?? "")?.[1];
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: `Run #${id}`, exact: true }) });
}

test("an uploaded report lists its run with retry ratio and error pressure", async ({ page, baseURL }) => {
  await signIn(page, baseURL);
  const row = await uploadedRunRow(page, "run-passive.json", report());
  const cells = row.getByRole("cell");
  await expect(cells.nth(2)).toHaveText("3"); // scanned
  await expect(cells.nth(5)).toContainText("0.09"); // 37 / 412
  await expect(cells.nth(5)).toContainText("37 / 412 requests");
  await expect(cells.nth(6)).toContainText("33.33 %"); // 1 error URL of 3 scanned
  await expect(cells.nth(8)).toHaveText("api_security");
  await expect(cells.nth(9)).toContainText("critical");
  await expect(cells.nth(9)).toContainText("scanner errors on 33.33 % of scanned URLs > 5 %");

  await row.getByRole("link", { name: /Run #/ }).click();
  await expect(page.getByRole("heading", { name: /Scanner run #\d+/ })).toBeVisible();
  await expect(page.getByRole("row", { name: "cors 2 0" })).toBeVisible();
  await expect(page.getByText("Reflected CORS origin")).toBeVisible();
});

test("a report with no HTTP requests shows retry ratio 'no data'", async ({ page, baseURL }) => {
  await signIn(page, baseURL);
  const row = await uploadedRunRow(
    page,
    "no-traffic.json",
    report((d) => Object.assign(d.meta.runtime_metrics, { http_requests: 0, http_retries: 0 })),
  );
  await expect(row.getByRole("cell").nth(5)).toContainText("no data");
});

test("a malformed report is refused with the JSON path and no run is added", async ({ page, baseURL }) => {
  await signIn(page, baseURL);
  const runLinks = page.getByRole("link", { name: /^Run #\d+$/ });
  const before = await runLinks.count();
  const form = await upload(
    page,
    "broken.json",
    report((d) => (d.meta.runtime_metrics.http_requests = -1)),
  );
  await expect(form.getByRole("alert")).toContainText(
    "meta.runtime_metrics.http_requests: expected a non-negative integer",
  );
  await expect(form.getByRole("alert")).toContainText("nothing stored");
  await page.reload();
  await expect(runLinks).toHaveCount(before);
});

test("a report in the report directory is ingested by path; a directory and /etc/passwd are refused", async ({
  page,
  baseURL,
}) => {
  await signIn(page, baseURL);
  const dir = mkdtempSync(join(SCANNER_REPORT_DIR, "run-"));
  const form = page.getByRole("form", { name: "Ingest a report by path" });

  await form.getByLabel("Report path").fill("/etc/passwd");
  await form.getByRole("button", { name: "Ingest file" }).click();
  // The refusal is shown beside the field, and quotes nothing of the file.
  await expect(form).toContainText("This file is outside the report directory");
  await expect(form).not.toContainText("root:");

  await form.getByLabel("Report path").fill(dir);
  await form.getByRole("button", { name: "Ingest file" }).click();
  await expect(form).toContainText("This file is not a regular file");

  const file = join(dir, "run-canary.json");
  writeFileSync(file, report());
  await form.getByLabel("Report path").fill(file);
  await form.getByRole("button", { name: "Ingest file" }).click();
  await expect(form.getByRole("status")).toContainText(/Stored as run #\d+/);
  await expect(page.getByRole("row").filter({ hasText: "run-canary.json" })).toContainText("0.09");
});

test("an upload over the 20 MB report limit is stopped before sending", async ({ page, baseURL }) => {
  await signIn(page, baseURL);
  const form = page.getByRole("form", { name: "Upload a report" });
  await form.getByLabel("Report file").setInputFiles({
    name: "huge.json",
    mimeType: "application/json",
    buffer: Buffer.alloc(20 * 1024 * 1024 + 1, " "),
  });
  await expect(form.getByText(/reports are limited to 20\.0 MB/)).toBeVisible();
  await expect(form.getByRole("button", { name: "Upload report" })).toBeDisabled();
});
