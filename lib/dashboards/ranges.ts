/** The dashboards' time ranges (15 m, 1 h, 6 h, 24 h, 7 d, 30 d). */
export const RANGE_KEYS = ["15m", "1h", "6h", "24h", "7d", "30d"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_MS: Record<RangeKey, number> = {
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "6h": 6 * HOUR,
  "24h": DAY,
  "7d": 7 * DAY,
  "30d": 30 * DAY,
};

export const RANGE_LABELS: Record<RangeKey, string> = {
  "15m": "15 m",
  "1h": "1 h",
  "6h": "6 h",
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
};

export const DEFAULT_RANGE: RangeKey = "1h";

export function isRangeKey(value: unknown): value is RangeKey {
  return typeof value === "string" && (RANGE_KEYS as readonly string[]).includes(value);
}

/** A range from a URL parameter; anything unknown falls back to the default (pages only —
 * the API answers 400 instead). */
export function parseRange(value: string | string[] | undefined | null): RangeKey {
  const v = Array.isArray(value) ? value[0] : value;
  return isRangeKey(v) ? v : DEFAULT_RANGE;
}

/** The window [from, to] ending now. */
export function rangeWindow(range: RangeKey, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - RANGE_MS[range]), to: now };
}
