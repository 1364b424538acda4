import "server-only";

import { registerJobHandler } from "@/lib/jobs/queue";

import { attemptDelivery } from "./deliver";
import { DELIVER_JOB } from "./dispatch";

// A failed attempt that is not the last throws, so the queue retries it with exponential backoff.
registerJobHandler<{ deliveryId: number }>(
  DELIVER_JOB,
  async ({ deliveryId }) => {
    const result = await attemptDelivery(deliveryId);
    if (result && result.outcome === "failed" && !result.final)
      throw new Error(`delivery ${deliveryId}: ${result.error ?? "failed"}; retrying`);
  },
  { expireInSeconds: 60 },
);
