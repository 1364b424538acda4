// A standalone background-job worker (same code path as the console's instrumentation hook):
//   node --conditions=react-server --import tsx lib/boot/jobs-cli.ts
// Reads DATABASE_URL, JOBS_*, KUBECONFIG, ACTION_VERIFY_* from the environment (lib/env.ts).
// Works every registered job kind; stops cleanly on SIGTERM/SIGINT (running jobs finish first).
import { bootJobs, shutdownJobs } from "./jobs";

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void shutdownJobs().finally(() => process.exit(0));
  });
}

await bootJobs((m) => console.log(`[jobs-cli ${process.pid}] ${m}`));
