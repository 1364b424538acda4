/**
 * Between fast-group slots, the collector watches each service's liveness with a light probe
 * (the optimizer's /health/live status only, no sample stored). An outage otherwise waits for
 * the next 30 s slot (runbook 001 · Monitoring and Alerting, `monitoring_interval: 30s`), half a
 * slot on average, before its first breaching sample; the watch turns it into a fraction of
 * that. A probe that goes from answering 200 to anything else triggers an out-of-slot fast poll,
 * which the tracker evaluates and the collector confirms with its re-probes like any critical
 * reading, so the 2-sample rule still decides: one bad probe never raises SEV-0 on its own.
 *
 * Pure scheduling, no I/O of its own: the collector supplies the probe and the trigger.
 */

/** The watch probes this many times per fast interval (every 3 s at the runbook's 30 s): with
 * the 2 s confirmation re-probe and the overview's ≤ 3 s refresh, an outage shows as SEV-0
 * within about 10 s. */
export const LIVE_WATCH_PER_FAST_INTERVAL = 10;
/** Never more often than every 500 ms (scaled-down intervals in tests and benchmarks). */
export function liveWatchIntervalMs(fastIntervalMs: number): number {
  return Math.max(500, fastIntervalMs / LIVE_WATCH_PER_FAST_INTERVAL);
}

export type LiveWatchTarget = { id: number };

export type LiveWatchDeps<T extends LiveWatchTarget> = {
  intervalMs: number;
  /** Services to watch now (only those with a liveness probe). */
  targets: () => Promise<T[]>;
  /** true = answered 200; false = anything else, including no answer. */
  probe: (target: T) => Promise<boolean>;
  /** A poll or confirmation of this service is already under way: the watch stays out of it. */
  isBusy: (target: T) => boolean;
  /** Called (not awaited: its re-probes take seconds) when a probe finds a service that was
   * up, or not yet seen, down. */
  onDown: (target: T) => Promise<void>;
  log: (msg: string) => void;
};

export type LiveWatch = { stop(): void; tick(): Promise<void> };

export function startLiveWatch<T extends LiveWatchTarget>(deps: LiveWatchDeps<T>): LiveWatch {
  /** Last probe answer per service: the trigger fires on up → down only, so a service that
   * stays down is left to the slot polls instead of being polled every few seconds. */
  const lastUp = new Map<number, boolean>();
  /** Probes still waiting for an answer: a service that hangs delays nobody else's probe. */
  const inFlight = new Set<number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function probeOne(t: T) {
    const up = await deps.probe(t).catch(() => false);
    const wasUp = lastUp.get(t.id) ?? true;
    lastUp.set(t.id, up);
    if (!up && wasUp && !stopped && !deps.isBusy(t))
      void deps.onDown(t).catch((e: unknown) => deps.log(`liveness trigger failed: ${(e as Error).message}`));
  }

  /** Starts this round's probes; resolves when they have all answered (the timer does not wait). */
  async function tick() {
    if (stopped) return;
    let targets: T[];
    try {
      targets = await deps.targets();
    } catch (e) {
      return deps.log(`liveness watch failed: ${(e as Error).message}`);
    }
    const ids = new Set(targets.map((t) => t.id));
    for (const id of lastUp.keys()) if (!ids.has(id)) lastUp.delete(id);
    const round = targets
      .filter((t) => !inFlight.has(t.id) && !deps.isBusy(t))
      .map((t) => {
        inFlight.add(t.id);
        return probeOne(t).finally(() => inFlight.delete(t.id));
      });
    await Promise.all(round);
  }

  function loop() {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick();
      loop();
    }, deps.intervalMs);
  }
  loop();

  return {
    tick,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
