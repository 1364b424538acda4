"use client";

import { useHydrated } from "./use-hydrated";

/** A server (UTC) time, always with its zone: "28 Nov 2026, 04:12:09 UTC" on the server render
 * and the first client render (they must match), then the viewer's zone with its abbreviation
 * ("05:12:09 CET"); UTC stays on hover. `timeOnly` drops the date. */
export function LocalTime({
  iso,
  className,
  timeOnly = false,
}: {
  iso: string;
  className?: string;
  timeOnly?: boolean;
}) {
  const isClient = useHydrated();
  const date = new Date(iso);
  const utc = formatZoned(date, "UTC", timeOnly);
  return (
    <time dateTime={iso} title={formatZoned(date, "UTC", false)} className={className}>
      {isClient ? formatZoned(date, undefined, timeOnly) : utc}
    </time>
  );
}

/** "28 Nov 2026, 04:12:09 UTC" — 24-hour, seconds, and the zone's short name. */
export function formatZoned(date: Date, timeZone: string | undefined, timeOnly: boolean): string {
  return date.toLocaleString("en-GB", {
    timeZone,
    ...(timeOnly ? {} : { day: "numeric", month: "short", year: "numeric" }),
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
}
