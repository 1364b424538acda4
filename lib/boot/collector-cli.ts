// A standalone collector process (same code path as the console's instrumentation hook):
//   node --conditions=react-server --import tsx lib/boot/collector-cli.ts
// Reads DATABASE_URL, FIREBREAK_SERVICES_FILE, COLLECTOR_* from the environment (lib/env.ts).
// Used by the two-process test and the benchmarks; stops cleanly on SIGTERM/SIGINT and then
// prints one machine-readable CPU_USAGE line (the benchmark reads it). SIGUSR2 prints the same
// line without stopping (CPU_MARK), so a benchmark can measure a steady-state window.
import { bootMetrics, shutdownMetrics } from "./metrics";

let stats = () => ({ polls: 0, pollMs: [] as number[] });
function usage() {
  const cpu = process.cpuUsage();
  const s = stats();
  return JSON.stringify({ userMs: cpu.user / 1000, systemMs: cpu.system / 1000, ...s });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void shutdownMetrics().finally(() => {
      console.log(`CPU_USAGE ${usage()}`);
      process.exit(0);
    });
  });
}
process.on("SIGUSR2", () => console.log(`CPU_MARK ${usage()}`));

const state = await bootMetrics((m) => console.log(`[collector-cli ${process.pid}] ${m}`));
if (!state.collector) {
  console.error("collector not started (COLLECTOR_ENABLED=false or DATABASE_URL unset)");
  process.exit(1);
}
const collector = state.collector;
stats = () => ({ polls: collector.polls(), pollMs: collector.recentPollMs() });
