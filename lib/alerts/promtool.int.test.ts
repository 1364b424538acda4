import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { PROMTOOL_BIN, requireBinary } from "@/lib/testing/monitoring";
import { renderPrometheusRule, renderRulesFile, renderRuleTests } from "./render";

const dir = mkdtempSync(path.join(tmpdir(), "fb-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): string {
  return execFileSync(requireBinary(PROMTOOL_BIN), args, { cwd: dir, encoding: "utf8" });
}

describe("generated alert rules under the real promtool", () => {
  it("passes `promtool check rules`", () => {
    writeFileSync(path.join(dir, "rules.yml"), renderRulesFile({ job: "api-optimizer" }));
    expect(promtool("check", "rules", "rules.yml")).toMatch(/SUCCESS: 17 rules found/);
  });

  it("fires past each threshold and never below or equal (`promtool test rules`)", () => {
    writeFileSync(path.join(dir, "rules.yml"), renderRulesFile({ job: "api-optimizer" }));
    writeFileSync(
      path.join(dir, "tests.yml"),
      renderRuleTests({ job: "api-optimizer", rulesFile: "rules.yml" }),
    );
    expect(promtool("test", "rules", "tests.yml")).toMatch(/SUCCESS/);
  });

  it("rejects a rule file whose threshold was tampered into an invalid expression", () => {
    const broken = renderRulesFile({ job: "api-optimizer" }).replace("> 50", "> > 50");
    writeFileSync(path.join(dir, "broken.yml"), broken);
    expect(() => promtool("check", "rules", "broken.yml")).toThrow();
  });

  it("keeps the PrometheusRule manifest's groups valid for promtool", () => {
    const manifest = renderPrometheusRule({ job: "api-optimizer" });
    const groups = manifest.slice(manifest.indexOf("  groups:"));
    const asFile = groups.replace(/^ {2}/gm, "");
    writeFileSync(path.join(dir, "from-manifest.yml"), asFile);
    expect(promtool("check", "rules", "from-manifest.yml")).toMatch(/SUCCESS: 17 rules found/);
  });
});
