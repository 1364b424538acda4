// The webhook receiver double: where Firebreak's notifications land in development and tests.
// Run: tsx doubles/webhook-receiver/main.ts --port 18097 [--secret whsec_…] [--answers 500,500,200]
import { parseArgs } from "node:util";

import { createReceiverServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "18097" },
    host: { type: "string", default: "127.0.0.1" },
    secret: { type: "string" },
    answers: { type: "string", default: "" },
  },
});

const server = createReceiverServer({
  secret: values.secret ?? null,
  answers: values.answers ? values.answers.split(",").map(Number) : [],
});
server.listen(Number(values.port), values.host, () => {
  console.log(`[webhook-receiver-double] listening on http://${values.host}:${values.port}`);
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
