// A standalone collector process (same code path as the console's instrumentation hook):
//   node --conditions=react-server --import tsx lib/boot/collector-cli.ts
// Reads DATABASE_URL, FIREBREAK_SERVICES_FILE, COLLECTOR_* from the environment (lib/env.ts).
// Used by the two-process test and the benchmark; stops cleanly on SIGTERM/SIGINT and then
// prints one machine-readable CPU_USAGE line (the benchmark reads it).
import { bootMetrics, shutdownMetrics } from "./metrics";

let polls = () => 0;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void shutdownMetrics().finally(() => {
      const cpu = process.cpuUsage();
      console.log(
        `CPU_USAGE ${JSON.stringify({ userMs: cpu.user / 1000, systemMs: cpu.system / 1000, polls: polls() })}`,
      );
      process.exit(0);
    });
  });
}

const state = await bootMetrics((m) => console.log(`[collector-cli ${process.pid}] ${m}`));
if (!state.collector) {
  console.error("collector not started (COLLECTOR_ENABLED=false or DATABASE_URL unset)");
  process.exit(1);
}
const collector = state.collector;
polls = () => collector.polls();
