import { describe, expect, it } from "vitest";

import { parseArgv, validate, warnings, type Options } from "./cli";
import { RUNBOOK_CANARY_FLAGS } from "@/lib/testing/runbook-commands";

function run(argv: string[]): Options {
  const p = parseArgv(argv);
  if (p.kind !== "run") throw new Error(`expected a run, got ${p.kind}`);
  return p.options;
}

describe("ApiHunter double command line", () => {
  it("has the defaults of src/cli.rs (contract 1.2), not the stale docs/configuration.md ones", () => {
    const o = run(["--urls", "t.txt"]);
    expect(o).toMatchObject({
      format: "pretty",
      concurrency: 20,
      maxEndpoints: 50,
      delayMs: 150,
      retries: 1,
      timeoutSecs: 8,
      filterTimeoutSecs: 3,
      failOn: "medium",
      minSeverity: undefined,
      activeChecks: false,
      noDiscovery: false,
      stream: false,
      quiet: false,
      noAutoReport: false,
    });
  });

  it("reads the runbook's stage 1 command exactly", () => {
    const o = run([
      "--urls",
      "c.txt",
      ...RUNBOOK_CANARY_FLAGS,
      "--format",
      "pretty",
      "--output",
      "run-canary.json",
      "--summary",
    ]);
    expect(o).toMatchObject({
      activeChecks: true,
      noDiscovery: true,
      concurrency: 4,
      delayMs: 250,
      output: "run-canary.json",
      summary: true,
    });
  });

  it("prints clap's version line and a help with the usage", () => {
    expect(parseArgv(["--version"])).toEqual({ kind: "version", text: "apihunter 0.3.0\n" });
    const help = parseArgv(["--help"]);
    expect(help.kind).toBe("help");
    expect(help.kind === "help" && help.text).toContain("Usage: apihunter [OPTIONS]");
  });

  it.each([
    [["--urls", "t", "--bogus"], "error: unexpected argument '--bogus' found"],
    [["--urls", "t", "--format", "json"], "error: invalid value 'json' for '--format <FORMAT>'"],
    [["--urls", "t", "--format", "PRETTY"], "[possible values: pretty, ndjson, sarif]"],
    [["--urls", "t", "--fail-on", "severe"], "error: invalid value 'severe' for '--fail-on <FAIL_ON>'"],
    [
      ["--urls", "t", "--concurrency", "four"],
      "error: invalid value 'four' for '--concurrency <CONCURRENCY>'",
    ],
    [["--urls"], "error: a value is required for '--urls <FILE>' but none was supplied"],
    [[], "error: the following required arguments were not provided"],
    [["--urls", "t", "--stdin"], "error: the argument '--urls <FILE>' cannot be used with '--stdin'"],
  ])("refuses %j with exit 2 and clap's message shape", (argv, message) => {
    const p = parseArgv(argv);
    expect(p.kind).toBe("refused");
    if (p.kind !== "refused") return;
    expect(p.code).toBe(2);
    expect(p.stderr).toContain(message);
    expect(p.stderr.endsWith("For more information, try '--help'.\n")).toBe(true);
  });

  it("splits every --headers occurrence on commas and accepts repeats", () => {
    expect(run(["--stdin", "--headers", "A:1,B:2", "--headers", "C:3"]).headers).toEqual([
      "A:1",
      "B:2",
      "C:3",
    ]);
  });

  it("refuses zero concurrency, zero timeout and a bearer with whitespace after parsing", () => {
    expect(validate(run(["--stdin", "--concurrency", "0"]))).toMatch(/--concurrency/);
    expect(validate(run(["--stdin", "--timeout-secs", "0"]))).toMatch(/--timeout-secs/);
    expect(validate(run(["--stdin", "--auth-bearer", "a b"]))).toMatch(/--auth-bearer/);
    expect(validate(run(["--stdin", "--filter-timeout", "0", "--no-filter"]))).toBeNull();
  });

  it("turns streaming off with a warning for other formats and with --baseline", () => {
    expect(warnings(run(["--stdin", "--stream"]))).toEqual([expect.stringMatching(/streaming disabled/)]);
    expect(warnings(run(["--stdin", "--stream", "--format", "ndjson", "--baseline", "b"]))).toEqual([
      expect.stringMatching(/--baseline/),
    ]);
    expect(warnings(run(["--stdin", "--stream", "--format", "ndjson"]))).toEqual([]);
  });
});
