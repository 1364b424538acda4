// Test helper: the ApiHunter double's files per test file — a live scan target (vulnerable, fast and with
// its request log cleared before each test), a scratch HOME, approved-URL files and output paths in it.
// (Tests import this; app code never does.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach } from "vitest";

import { startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";

/** Flags that keep a test run quick and its files in the scratch directory. */
export const FAST = ["--delay-ms", "0", "--no-auto-report"];

export interface ApiHunterHarness {
  readonly target: ScanTarget;
  readonly dir: string;
  /** The double's environment: HOME in the scratch directory and its argv log next to it. */
  env(): Record<string, string>;
  /** An approved-URL file (with a comment, a blank line and padding, as people write them). */
  urlsFile(paths: string[]): string;
  /** A path in the scratch directory. */
  out(name: string): string;
}

export function withApiHunterDouble(): ApiHunterHarness {
  let target: ScanTarget | undefined;
  let dir: string | undefined;
  const h: ApiHunterHarness = {
    get target() {
      if (!target) throw new Error("the scan target runs only inside tests");
      return target;
    },
    get dir() {
      if (!dir) throw new Error("the scratch directory exists only inside tests");
      return dir;
    },
    env: () => ({ HOME: h.dir, APIHUNTER_DOUBLE_ARGV_LOG: path.join(h.dir, "argv.ndjson") }),
    urlsFile(paths) {
      const file = path.join(h.dir, `urls-${Math.random().toString(36).slice(2)}.txt`);
      writeFileSync(file, `# approved\n\n${paths.map((p) => `  ${h.target.url}${p}  `).join("\n")}\n`);
      return file;
    },
    out: (name) => path.join(h.dir, name),
  };
  beforeAll(async () => {
    target = await startScanTarget();
    dir = mkdtempSync(path.join(tmpdir(), "apihunter-double-"));
  });
  afterAll(async () => {
    await target?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await h.target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
    await h.target.resetRequests();
  });
  return h;
}
