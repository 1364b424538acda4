// The API Latency Optimizer double. Run: tsx doubles/optimizer/main.ts --port 18090
// Flags: --port N, --seed N (default 1), --noise X (noise amplitude factor, 0 = exact values),
// --unit percent|fraction (how ratios are emitted), --recover-seconds N (duration of "recovering").
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
});
server.listen(Number(values.port), values.host, () => {
  console.log(
    `[optimizer-double] listening on http://${values.host}:${values.port} (unit ${values.unit}, noise ${values.noise})`,
  );
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
