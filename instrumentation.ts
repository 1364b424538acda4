// Next.js startup hook: starts the metrics collector in the Node.js server runtime
// (lib/metrics/boot.ts). Not in the Edge runtime, not while `next build` collects pages.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootMetrics } = await import("./lib/metrics/boot");
  await bootMetrics();
}
