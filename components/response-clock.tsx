"use client";

import { clsx } from "clsx";
import { useEffect, useState } from "react";

import { EVENT_KIND_LABELS, type TimelineEventKind } from "@/lib/incidents/event-kinds";
import { formatDuration, type ResponseClock } from "@/lib/incidents/review";
import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { LocalTime } from "./local-time";

const TONE = {
  met: "border-ok/60 bg-ok/10",
  missed: "border-sev-0/60 bg-sev-0/10",
  running: "border-sev-2/60 bg-sev-2/10",
};
const STATE_TEXT = { met: "Met", missed: "Missed", running: "Running" };

/** The SEV response target (runbook 001 · Severity Levels) as a live countdown from the
 * declaration: running (time left), met or missed; once someone responded, what and when. */
export function ResponseClockPanel({ clock }: { clock: ResponseClock }) {
  const [now, setNow] = useState<number | null>(null);
  const ticking = clock.respondedAt === null;
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [ticking]);

  const deadlineMs = Date.parse(clock.deadline);
  const state =
    ticking && now !== null ? (now < deadlineMs ? "running" : "missed") : (clock.state as keyof typeof TONE);
  const level = SEVERITY_LEVELS[clock.severity];
  return (
    <section aria-label="Response-target clock" className={clsx("rounded border p-3 text-sm", TONE[state])}>
      <p className="text-base font-semibold">
        Response target {level.label} ({clock.targetText}):{" "}
        <span data-testid="clock-state">{STATE_TEXT[state]}</span>
      </p>
      <p className="mt-1" data-testid="clock-detail">
        {clock.respondedAt && clock.response ? (
          <>
            First response after {formatDuration(clock.elapsedMs)}:{" "}
            {EVENT_KIND_LABELS[clock.response.kind as TimelineEventKind] ?? clock.response.kind} by{" "}
            {clock.response.actor} at <LocalTime iso={clock.respondedAt} timeOnly />.
          </>
        ) : now === null ? (
          <>
            No response yet; deadline <LocalTime iso={clock.deadline} timeOnly />.
          </>
        ) : now < deadlineMs ? (
          <>
            No response yet: <strong>{formatDuration(deadlineMs - now)} left</strong> (deadline{" "}
            <LocalTime iso={clock.deadline} timeOnly />
            ).
          </>
        ) : (
          <>
            No response yet: missed by {formatDuration(now - deadlineMs)} (deadline{" "}
            <LocalTime iso={clock.deadline} timeOnly />
            ).
          </>
        )}
      </p>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        The response is the first thing a person does after declaring: acknowledge, an action, a status,
        severity or role change, a note (the most severe SEV this incident had sets the target).
      </p>
    </section>
  );
}
