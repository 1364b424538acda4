// Writes the runbook's alert rules (lib/alerts) to a file: `tsx scripts/write-alert-rules.ts <out> [job]`.
// Used by `npm run dev` to give the demo Prometheus the same rules the Dashboards page offers.
import { writeFileSync } from "node:fs";

import { renderRulesFile } from "../lib/alerts/render";

const [out, job = "api-optimizer"] = process.argv.slice(2);
if (!out) {
  console.error("usage: tsx scripts/write-alert-rules.ts <out.yml> [job]");
  process.exit(2);
}
writeFileSync(out, renderRulesFile({ job }));
