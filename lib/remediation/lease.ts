import "server-only";
import { hostname } from "node:os";

import { renewLease } from "./store";

/** A pending run is owned by the process that renews its lease (every third of it). If that
 * process dies, hangs or loses the database, the lease runs out and the next request on the
 * same target reconciles the run from the live cluster object (reconcile.ts). */
export const ACTION_LEASE_MS = 30_000;

export const LEASE_OWNER = `${hostname()}:${process.pid}`;

export type HeldLease = { stop(): void };

export function holdLease(runId: number, leaseMs = ACTION_LEASE_MS, owner = LEASE_OWNER): HeldLease {
  const timer = setInterval(
    () =>
      void renewLease(runId, leaseMs, owner).then(
        (held) => held || clearInterval(timer),
        // A failed renewal is retried at the next tick; if the database stays away the lease
        // expires and the run is reconciled, which is the point.
        () => undefined,
      ),
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
