// Next.js startup hook, in the Node.js server runtime only (not Edge, not while `next build`
// collects pages): starts the metrics collector (lib/boot/metrics.ts), works background jobs
// (lib/boot/jobs.ts; JOBS_ENABLED=false turns that off for this process), listens for sessions
// revoked in other processes (lib/boot/session-revocation.ts) and loads the Kubernetes client in
// the background so the first emergency rollback is not a cold start.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  void import("./lib/boot/warm-up").then((m) => m.warmKubernetesClient());
  void import("./lib/boot/jobs").then((m) => m.bootJobs());
  void import("./lib/boot/session-revocation").then((m) => m.bootSessionRevocation());
  const { bootMetrics } = await import("./lib/boot/metrics");
  await bootMetrics();
}
