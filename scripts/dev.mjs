// `npm run dev`: the whole console on one machine with nothing else installed —
// an embedded Postgres (unless DATABASE_URL is set), the demo doubles of the systems
// Firebreak operates (doubles/*), then `next dev` on http://localhost:3000.
import { spawn } from "node:child_process";
import { prepareDatabase } from "./with-db.mjs";
import { startMonitoring } from "./monitoring-stack.mjs";
import { startDoubles } from "./stack.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const { url, embedded } = await prepareDatabase();
const doubles = process.env.FIREBREAK_NO_DEMO ? { env: {}, stop: () => {} } : await startDoubles("dev");
// The real Prometheus + Alertmanager when installed (alerts from the runbook's rules into the console).
const portArg = process.argv.findIndex((a) => a === "-p" || a === "--port");
const appPort = portArg >= 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 3000);
const monitoring = process.env.FIREBREAK_NO_DEMO
  ? { env: {}, stop: () => {} }
  : await startMonitoring({ appPort });

const child = spawn("node_modules/.bin/next", ["dev", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...doubles.env, ...monitoring.env, ...process.env, DATABASE_URL: url },
});
const shutdown = (sig) => () => child.kill(sig);
process.on("SIGINT", shutdown("SIGINT"));
process.on("SIGTERM", shutdown("SIGTERM"));
child.on("exit", async (code) => {
  doubles.stop();
  monitoring.stop();
  await embedded?.stop().catch(() => {});
  process.exit(code ?? 0);
});
