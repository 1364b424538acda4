"use client";

import { useSyncExternalStore } from "react";

import { formatClock } from "@/lib/playbooks/view";

function subscribe(onTick: () => void) {
  const t = setInterval(onTick, 1000);
  return () => clearInterval(t);
}

/** Now to the second, ticking (client only; null during the server render). */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / 1000) * 1000,
    () => null,
  );
}

/** "due in 1m 05s" / "overdue by 12s" for an open step; "done at T+1m 10s (target 2m)" after. */
export function PlaybookCountdown({
  deadlineAt,
  deadlineMs,
  tookMs,
  state,
}: {
  deadlineAt: string | null;
  deadlineMs: number | null;
  tookMs: number | null;
  state: string;
}) {
  const now = useNow();
  if (deadlineAt === null || deadlineMs === null)
    return <span className="text-xs text-zinc-500">no deadline</span>;
  const target = formatClock(deadlineMs);
  if (tookMs !== null) {
    const late = tookMs >= deadlineMs;
    return (
      <span className={late ? "text-xs font-medium text-red-600" : "text-xs text-ok"}>
        {state} at T+{formatClock(tookMs)} (target {target}){late ? " — late" : ""}
      </span>
    );
  }
  if (now === null) return <span className="text-xs text-zinc-500">target {target}</span>;
  const left = new Date(deadlineAt).getTime() - now;
  return left > 0 ? (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-label="Countdown">
      due in {formatClock(left)} (target {target})
    </span>
  ) : (
    <span className="text-xs font-semibold text-red-600" aria-label="Countdown">
      OVERDUE by {formatClock(-left)} (target {target})
    </span>
  );
}
