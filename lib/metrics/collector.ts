import "server-only";

import type { PollGroup } from "@/lib/runbook/catalog";
import { listServices } from "@/lib/services/queries";
import type { WatchedService } from "@/lib/services/schema";

import { slotStart } from "./downsample";
import { createLeaderLock } from "./leader-lock";
import { liveWatchIntervalMs, startLiveWatch, type LiveWatch } from "./live-watch";
import { pollServiceOnce } from "./poll-once";
import { createPollTimes, inBatches } from "./poll-times";
import { checkLive } from "./sources/optimizer";
import { intervalMsOf, pruneOlderThan, type MetricValues } from "./store";

export { pollServiceOnce } from "./poll-once";

export type CollectorOptions = {
  databaseUrl: string;
  timeoutMs: number;
  retentionDays: number;
  /** How often a follower retries the lock and the leader checks its connection. */
  leaderCheckMs?: number;
  /** Max services polled at once per group. */
  concurrency?: number;
  /** Called after each fast-group poll of a service (the SEV tracker, wired in lib/boot). When it
   * answers `awaitingConfirmation`, the service is re-probed at once (see CONFIRM_PROBES). */
  afterFastPoll?: (serviceId: number, service: WatchedService) => Promise<FastPollVerdict | void>;
  /** Called with every poll this process stored (any group): `complete` is false when some of
   * its samples were already recorded by another collector. */
  onStored?: (serviceId: number, at: Date, values: MetricValues, complete: boolean) => void;
  /** Called when this process starts or stops collecting. */
  onLeadership?: (leading: boolean) => void;
  log?: (msg: string) => void;
};

export type Collector = {
  isLeader(): boolean;
  stop(): Promise<void>;
  polls(): number;
  /** Wall time of the latest polls (ms, oldest first): for benchmarks. */
  recentPollMs(): number[];
};
export type FastPollVerdict = { awaitingConfirmation?: boolean };

/** A critical reading not yet confirmed is re-probed up to this many times, a fifteenth of the
 * fast interval apart (2 s at the runbook's 30 s), instead of waiting for the next slot. */
const CONFIRM_PROBES = 3;
const CONFIRM_GAP_FRACTION = 1 / 15;

const GROUPS: PollGroup[] = ["fast", "medium", "slow"];
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The one collector: polls every service per group at the runbook's intervals (scaled by
 * COLLECTOR_INTERVAL_SCALE), stamps samples with the slot start, and runs only while this
 * process holds the Postgres advisory lock. Followers retry the lock every leaderCheckMs.
 */
export function startCollector(opts: CollectorOptions): Collector {
  const log = opts.log ?? ((m: string) => console.log(`[collector] ${m}`));
  const afterFastPoll = opts.afterFastPoll ?? (async () => undefined);
  const concurrency = opts.concurrency ?? 25;
  const timers = new Set<NodeJS.Timeout>();
  /** "group:serviceId" polls in flight: a slow service skips its own next slot, nobody else's. */
  const busy = new Set<string>();
  let stopped = false;
  let leading = false;
  let pollCount = 0;
  const pollMs = createPollTimes();
  /** One slot poll of a service group: fetch, store and record its wall time. */
  async function timedPoll(service: WatchedService, group: PollGroup, at: Date) {
    const started = performance.now();
    const result = await pollServiceOnce(service, group, at, opts.timeoutMs);
    pollMs.add(performance.now() - started);
    pollCount++;
    if (result.inserted > 0) {
      const complete = result.inserted === Object.keys(result.values).length;
      opts.onStored?.(service.id, at, result.values, complete);
    }
    return result;
  }

  const lock = createLeaderLock(opts.databaseUrl, {
    onLost: (reason) => {
      if (leading) log(`lost leadership (${reason}); stopped collecting`);
      if (leading) opts.onLeadership?.(false);
      leading = false;
      clearGroupTimers();
    },
  });

  const groupTimers = new Set<NodeJS.Timeout>();
  let liveWatch: LiveWatch | null = null;
  /** The services of the last fast slot: the watch between slots needs no query of its own. */
  let watched: WatchedService[] = [];
  function clearGroupTimers() {
    for (const t of groupTimers) clearTimeout(t); // clearTimeout also clears intervals
    groupTimers.clear();
    liveWatch?.stop();
    liveWatch = null;
  }

  /** Between slots, an optimizer service's /health/live is watched (lib/metrics/live-watch.ts);
   * Prometheus-sourced services are read at their slots only. */
  function watchLiveness() {
    liveWatch?.stop();
    liveWatch = startLiveWatch<WatchedService>({
      intervalMs: liveWatchIntervalMs(intervalMsOf("fast")),
      targets: async () => watched.filter((s) => s.metricsSource === "optimizer"),
      probe: async (s) => (await checkLive(s.metricsBaseUrl, opts.timeoutMs)).status === 200,
      isBusy: (s) => !leading || stopped || busy.has(`fast:${s.id}`),
      onDown: pollOutOfSlot,
      log,
    });
  }

  /** A fast poll now, off the slot grid (a sample of its own time, like a re-probe), then the
   * usual evaluation and confirmation. */
  async function pollOutOfSlot(service: WatchedService) {
    const key = `fast:${service.id}`;
    if (!leading || stopped || busy.has(key)) return;
    busy.add(key);
    try {
      log(`${service.name}: /health/live not 200 between slots; polling now`);
      const { inserted } = await timedPoll(service, "fast", new Date());
      if (inserted > 0) await evaluateAndConfirm(service);
    } finally {
      busy.delete(key);
    }
  }

  function schedule(group: PollGroup) {
    if (stopped || !leading) return;
    const interval = intervalMsOf(group);
    const now = Date.now();
    const next = slotStart(now, interval) + interval;
    // A small offset into the slot so the poll's timestamp is unambiguously that slot.
    const t = setTimeout(
      () => {
        groupTimers.delete(t);
        void runGroup(group, slotStart(Date.now(), interval));
        schedule(group);
      },
      next - now + Math.min(50, interval / 20),
    );
    groupTimers.add(t);
  }

  async function runGroup(group: PollGroup, slot: number) {
    if (!leading || stopped) return;
    try {
      const services = await listServices();
      if (group === "fast") watched = services;
      await inBatches(services, concurrency, async (service) => {
        const key = `${group}:${service.id}`;
        if (!leading || busy.has(key)) {
          if (busy.has(key)) {
            const at = new Date(slot).toISOString();
            log(`${service.name}: ${group} poll of the previous slot still running; slot ${at} skipped`);
          }
          return;
        }
        busy.add(key);
        try {
          const { inserted } = await timedPoll(service, group, new Date(slot));
          if (group === "fast" && inserted > 0) await evaluateAndConfirm(service);
        } finally {
          busy.delete(key);
        }
      });
    } catch (e) {
      log(`${group} poll failed: ${(e as Error).message}`);
    }
  }

  async function evaluate(service: WatchedService): Promise<FastPollVerdict | void> {
    const serviceId = service.id;
    return afterFastPoll(serviceId, service).catch((e: unknown) =>
      log(`after-poll evaluation of service ${serviceId} failed: ${(e as Error).message}`),
    );
  }

  /** Evaluates a fast poll; while a critical reading awaits confirmation, re-probes (each
   * re-probe is a sample of its own time, evaluated like any other). */
  async function evaluateAndConfirm(service: WatchedService) {
    let verdict = await evaluate(service);
    const gapMs = intervalMsOf("fast") * CONFIRM_GAP_FRACTION;
    for (let probe = 1; probe <= CONFIRM_PROBES && verdict?.awaitingConfirmation; probe++) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (!leading || stopped) return;
      const { inserted } = await timedPoll(service, "fast", new Date());
      if (inserted === 0) return;
      log(`${service.name}: critical reading re-probed (${probe}/${CONFIRM_PROBES})`);
      verdict = await evaluate(service);
    }
  }

  async function prune() {
    try {
      const removed = await pruneOlderThan(opts.retentionDays);
      if (removed.samples > 0)
        log(`retention: pruned ${removed.samples} samples older than ${opts.retentionDays} days`);
    } catch (e) {
      log(`retention prune failed: ${(e as Error).message}`);
    }
  }

  async function checkLeadership() {
    if (stopped) return;
    const held = await lock.tryAcquire();
    if (held && !leading) {
      leading = true;
      opts.onLeadership?.(true);
      log("took leadership: collecting");
      // Warm up (database pool, retention) before the first slot so it is not late.
      await prune();
      for (const g of GROUPS) schedule(g);
      watchLiveness();
      const pruner = setInterval(() => leading && void prune(), PRUNE_EVERY_MS);
      groupTimers.add(pruner);
    } else if (!held && leading) {
      leading = false;
      opts.onLeadership?.(false);
      clearGroupTimers();
    }
    if (stopped) return;
    const t = setTimeout(
      () => {
        timers.delete(t);
        void checkLeadership();
      },
      opts.leaderCheckMs ?? Math.min(5_000, intervalMsOf("fast")),
    );
    timers.add(t);
  }

  void checkLeadership();

  return {
    isLeader: () => leading,
    polls: () => pollCount,
    recentPollMs: () => pollMs.recent(),
    async stop() {
      stopped = true;
      leading = false;
      for (const t of timers) clearTimeout(t);
      clearGroupTimers();
      await lock.release();
    },
  };
}
