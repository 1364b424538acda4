// Prometheus HTTP API double: answers /api/v1/query and /api/v1/query_range
// in Prometheus's JSON format for a fixed set of expressions (server.ts DEFAULT_SERIES),
// settable at run time: POST /__double/series {"query": "...", "value": 0.55 | null | "NaN", "series"?: 2, "error"?: "..."}.
// Run: tsx doubles/prometheus/main.ts --port 18091
import { parseArgs } from "node:util";

import { createPrometheusServer } from "./server";

const { values } = parseArgs({
  options: { port: { type: "string", default: "18091" }, host: { type: "string", default: "127.0.0.1" } },
});
const server = createPrometheusServer();
server.listen(Number(values.port), values.host, () =>
  console.log(`[prometheus-double] listening on http://${values.host}:${values.port}`),
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
