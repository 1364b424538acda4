import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import type { Severity } from "@/lib/runbook/sev-levels";
import type { MetricKey } from "@/lib/runbook/catalog";

import { loadPlaybooks, type LoadResult } from "./load";
import type { Playbook } from "./schema";

/** The reviewed playbooks in the repository's `playbooks/` directory, validated once per
 * process (at the first use after start). Refused files are logged and listed on /playbooks. */
const DIR = path.join(process.cwd(), "playbooks");
let cached: LoadResult | undefined;

// The build's file tracer cannot scope a directory given at run time and would copy the whole
// repository into the server output; `playbooks/` is shipped by next.config.ts's tracing includes.
export function readPlaybookDir(dir = DIR): LoadResult {
  const files = readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({
      file: `playbooks/${f}`,
      text: readFileSync(/*turbopackIgnore: true*/ path.join(dir, f), "utf8"),
    }));
  return loadPlaybooks(files);
}

export function getPlaybookCatalog(): LoadResult {
  if (!cached) {
    cached = readPlaybookDir();
    for (const r of cached.refused) console.error(`[playbooks] refused ${r.file}: ${r.field}: ${r.message}`);
  }
  return cached;
}

export function findPlaybook(id: string): Playbook | null {
  return getPlaybookCatalog().playbooks.find((p) => p.id === id) ?? null;
}

export function playbookForSeverity(severity: Severity): Playbook | null {
  return getPlaybookCatalog().playbooks.find((p) => p.kind === "severity" && p.severity === severity) ?? null;
}

export function guideForMetric(metric: MetricKey): Playbook | null {
  return getPlaybookCatalog().playbooks.find((p) => p.kind === "guide" && p.metric === metric) ?? null;
}
