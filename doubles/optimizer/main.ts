// The API Latency Optimizer double. Run: tsx doubles/optimizer/main.ts --port 18090
// Flags: --port N, --seed N (default 1), --noise X (noise amplitude factor, 0 = exact values),
// --unit percent|fraction (how ratios are emitted), --recover-seconds N (duration of "recovering"),
// --latency-ms N (each API route answers after 0.5-1 x N ms, fixed per route; default 0).
import { parseArgs } from "node:util";

import { createOptimizerServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "18090" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "1" },
    noise: { type: "string", default: "1" },
    unit: { type: "string", default: "percent" },
    "recover-seconds": { type: "string", default: "60" },
    "latency-ms": { type: "string", default: "0" },
  },
});

if (values.unit !== "percent" && values.unit !== "fraction") {
  console.error("--unit must be percent or fraction");
  process.exit(2);
}

const server = createOptimizerServer({
  seed: Number(values.seed),
  noise: Number(values.noise),
  recoverMs: Number(values["recover-seconds"]) * 1000,
  unit: values.unit,
  latencyMs: Number(values["latency-ms"]),
});
server.listen(Number(values.port), values.host, () => {
  console.log(
    `[optimizer-double] listening on http://${values.host}:${values.port} (unit ${values.unit}, noise ${values.noise})`,
  );
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
