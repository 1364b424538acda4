import "server-only";

import { telemetry } from "./registry";

/** Small recording calls for the places where work finishes (actions, polls, routes). */
export function recordActionOutcome(kind: string, outcome: string, seconds: number): void {
  const t = telemetry();
  t.actions.inc({ kind, outcome });
  t.actionDuration.observe({ kind }, seconds);
}

export function recordCollectorPoll(service: string, group: string, ok: boolean, lagSeconds: number): void {
  const t = telemetry();
  t.collectorPolls.inc({ service, group, outcome: ok ? "ok" : "error" });
  t.collectorLag.set({ service }, lagSeconds);
}

/** One notification delivery attempt: sent, failed for now (retrying) or failed for good. */
export function recordNotificationAttempt(channel: string, outcome: "sent" | "retrying" | "failed"): void {
  telemetry().notificationAttempts.inc({ channel, outcome });
}

/** Wraps a route handler: its duration by route name, method and status. */
export function timedRoute<A extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: A) => Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const t0 = performance.now();
    const response = await handler(request, ...rest);
    telemetry().httpDuration.observe(
      { route, method: request.method, status: String(response.status) },
      (performance.now() - t0) / 1000,
    );
    return response;
  };
}

/** Wraps a server action: one count per call by name and outcome (ok | error). */
export function countedAction<T extends { ok: boolean }>(
  name: string,
  action: (input: unknown) => Promise<T>,
): (input: unknown) => Promise<T> {
  return async (input) => {
    const result = await action(input);
    telemetry().serverActions.inc({ name, outcome: result.ok ? "ok" : "error" });
    return result;
  };
}

/** Wraps runAction: counts each action by its outcome (succeeded, already_done,
 * landed_unrecorded, or failed when it throws) and times it. */
export function timedAction<I extends { kind: string }, R extends { status: string }, X extends unknown[]>(
  run: (input: I, ...rest: X) => Promise<R>,
): (input: I, ...rest: X) => Promise<R> {
  return async (input, ...rest) => {
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    try {
      const result = await run(input, ...rest);
      recordActionOutcome(input.kind, result.status === "done" ? "succeeded" : result.status, seconds());
      return result;
    } catch (e) {
      recordActionOutcome(input.kind, "failed", seconds());
      throw e;
    }
  };
}
