// The ApiHunter double's baseline and severity filters, empty and refused runs, and the files it writes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { parseScannerReport } from "@/lib/scanner/report";
import { runApiHunter } from "@/lib/testing/apihunter";

import { FAST, withApiHunterDouble } from "./double-harness";

const h = withApiHunterDouble();
const { env, urlsFile, out } = h;

describe("ApiHunter double: baselines, filters and the files it writes", () => {
  it("applies --baseline (new findings only) and --min-severity, recomputing summary and exit", async () => {
    const first = out("base.ndjson");
    const urls = urlsFile(["/api/items/1"]);
    await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--format",
        "ndjson",
        "--output",
        first,
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    const again = await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--baseline",
        first,
        "--output",
        out("new.json"),
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    expect(again.code).toBe(0);
    const parsed = parseScannerReport(readFileSync(out("new.json"), "utf8"));
    expect(parsed.ok && parsed.report.summary.total).toBe(0);
    const high = await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--min-severity",
        "high",
        "--output",
        out("hi.json"),
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    const hp = parseScannerReport(readFileSync(out("hi.json"), "utf8"));
    expect(high.code).toBe(1);
    expect(hp.ok && hp.report.findings.every((f) => f.severity === "HIGH" || f.severity === "CRITICAL")).toBe(
      true,
    );
  });

  it("an invalid baseline fails after the scan: exit 2 and the truncated output file left empty", async () => {
    writeFileSync(out("old.json"), "an earlier report");
    writeFileSync(out("bad-baseline.ndjson"), '{"url":"u","check":"c"}\nnot json\n');
    const r = await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1"]),
        "--no-filter",
        "--no-discovery",
        "--baseline",
        out("bad-baseline.ndjson"),
        "--output",
        out("old.json"),
        ...FAST,
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Invalid JSON on baseline line 2");
    expect(readFileSync(out("old.json"), "utf8")).toBe("");
  });

  it("writes no report and exits 0 when there is nothing to scan, and refuses a bad flag without a file", async () => {
    const empty = await runApiHunter(["--urls", urlsFile([]), "--output", out("none.json"), ...FAST], env());
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain("No URLs provided — nothing to scan.");
    expect(existsSync(out("none.json"))).toBe(false);
    const gone = await runApiHunter(
      ["--stdin", "--filter-timeout", "1", "--output", out("gone.json"), ...FAST],
      env(),
      "http://127.0.0.1:9/api\n",
    );
    expect(gone.code).toBe(0);
    expect(gone.stderr).toContain("No accessible URLs remaining after filtering.");
    const bad = await runApiHunter(["--urls", "x", "--format", "json", "--output", out("bad.json")], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: invalid value 'json' for '--format <FORMAT>'/);
    expect(existsSync(out("bad.json"))).toBe(false);
  });

  it("writes the auto-report under HOME unless --no-auto-report, and records its argv", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "apihunter-home-"));
    await runApiHunter(
      ["--urls", urlsFile(["/api/items/1"]), "--no-filter", "--no-discovery", "--delay-ms", "0", "--quiet"],
      { ...env(), HOME: home },
    );
    const [stamp] = readdirSync(path.join(home, "Documents/ApiHunterReports"));
    expect(readdirSync(path.join(home, "Documents/ApiHunterReports", stamp ?? "")).sort()).toEqual([
      "findings.json",
      "scan.log",
      "summary.md",
    ]);
    const log = readFileSync(path.join(h.dir, "argv.ndjson"), "utf8").trim().split("\n");
    expect((JSON.parse(log.at(-1) ?? "{}") as { argv: string[] }).argv).toEqual(
      expect.arrayContaining(["--no-discovery", "--quiet"]),
    );
  });
});
