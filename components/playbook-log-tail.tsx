"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import {
  EMPTY_TAIL,
  mergeTail,
  TAIL_MAX_MS,
  TAIL_POLL_MS,
  TAIL_WINDOW_S,
  type TailLine,
  type TailState,
} from "@/lib/playbooks/log-tail";
import { playbookKeys } from "@/lib/playbooks/query-keys";

async function readErrorLines(incidentId: number, sinceSeconds: number): Promise<TailLine[]> {
  const query = new URLSearchParams({
    incidentId: String(incidentId),
    view: "errors",
    sinceSeconds: String(sinceSeconds),
  });
  const res = await fetch(`/api/actions/views?${query}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as TailLine[] | { error?: string } | null;
  if (!res.ok || !Array.isArray(body))
    throw new Error((body && !Array.isArray(body) && body.error) || `HTTP ${res.status}`);
  return body;
}

/** A read step's error lines, followed live while switched on: the step's window first (5 or
 * 15 min), then every few seconds the lines written since (lib/playbooks/log-tail.ts). */
export function PlaybookLogTail({
  incidentId,
  stepKey,
  title,
  sinceMinutes,
}: {
  incidentId: number;
  stepKey: string;
  title: string;
  sinceMinutes: number;
}) {
  const [on, setOn] = useState(false);
  const [timedOut, setTimedOut] = useState(false);
  const tail = useRef<TailState>(EMPTY_TAIL);
  const query = useQuery({
    queryKey: playbookKeys.logTail(incidentId, stepKey),
    queryFn: async () => {
      const first = tail.current === EMPTY_TAIL;
      const read = await readErrorLines(incidentId, first ? sinceMinutes * 60 : TAIL_WINDOW_S);
      tail.current = mergeTail(tail.current, read);
      return tail.current;
    },
    enabled: on,
    refetchInterval: on ? TAIL_POLL_MS : false,
    structuralSharing: false,
    retry: false,
    gcTime: 0,
  });
  useEffect(() => {
    if (!on) return;
    const t = setTimeout(() => {
      setOn(false);
      setTimedOut(true);
    }, TAIL_MAX_MS);
    return () => clearTimeout(t);
  }, [on]);

  const data = query.data ?? EMPTY_TAIL;
  return (
    <div className="space-y-1" onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        aria-pressed={on}
        onClick={() => {
          setTimedOut(false);
          // Switched on again: read the step's whole window first, lines may have come meanwhile.
          if (!on) tail.current = EMPTY_TAIL;
          setOn(!on);
        }}
        className="rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
      >
        {on ? "Stop live tail" : "Live tail"}
      </button>
      {on || data.lines.length > 0 ? (
        <p role="status" className="text-xs text-zinc-500">
          {on ? `Following error lines (every ${TAIL_POLL_MS / 1000} s)` : "Live tail stopped"}
          {timedOut ? ` after ${TAIL_MAX_MS / 60_000} min` : ""} · {data.lines.length} lines
          {data.dropped ? `, ${data.dropped} older ones dropped` : ""}
          {query.dataUpdatedAt ? ` · read ${new Date(query.dataUpdatedAt).toLocaleTimeString()}` : ""}
        </p>
      ) : null}
      {query.isError ? (
        <p role="alert" className="text-xs text-red-600">
          Live tail: {query.error.message}
        </p>
      ) : null}
      {data.lines.length > 0 ? (
        <ol
          aria-label={`Live tail of ${title}`}
          className="max-h-64 overflow-auto rounded bg-zinc-950 p-1 font-mono text-xs text-zinc-100"
        >
          {data.lines.map((l) => (
            <li key={`${l.pod}\u0000${l.text}`}>
              {l.pod}: {l.text}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
