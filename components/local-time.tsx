"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** A server (UTC) time shown in the viewer's local time, with UTC on hover. The server render and
 * the first client render show UTC (they must match); the local time replaces it after hydration. */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const utc = `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  const text = isClient ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : utc;
  return (
    <time dateTime={iso} title={utc} className={className}>
      {text}
    </time>
  );
}
