// The scan target double: a small API that ApiHunter (or its double) scans.
// Run: tsx doubles/scan-target/main.ts --port 18095 [--hardened] [--latency-ms N] [--fail-rate 0.8] [--hang-rate 0.1]
import { parseArgs } from "node:util";

import { createTargetServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "18095" },
    host: { type: "string", default: "127.0.0.1" },
    hardened: { type: "boolean", default: false },
    "latency-ms": { type: "string", default: "0" },
    "fail-rate": { type: "string", default: "0" },
    "hang-rate": { type: "string", default: "0" },
  },
});

const server = createTargetServer({
  vulnerable: !values.hardened,
  latencyMs: Number(values["latency-ms"]),
  failRate: Number(values["fail-rate"]),
  hangRate: Number(values["hang-rate"]),
});
server.listen(Number(values.port), values.host, () => {
  console.log(`[scan-target-double] listening on http://${values.host}:${values.port}`);
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
