import { z } from "zod";

/** The report's period from the page's search params: the last 7, 30 or 90 days, or a custom
 * range of whole UTC days, `from` and `to` both included. */
export const RANGES = ["7d", "30d", "90d", "custom"] as const;
export type Range = (typeof RANGES)[number];

export type ReportPeriod = { range: Range; from: Date; to: Date; label: string };

const DAY = 86_400_000;
const MAX_DAYS = 366;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.");

const paramsSchema = z.object({
  range: z.enum(RANGES).catch("30d"),
  from: day.optional(),
  to: day.optional(),
});

function parseDay(value: string): Date | null {
  const d = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Params = Record<string, string | string[] | undefined>;

export function parsePeriod(
  params: Params,
  now: Date,
): { ok: true; period: ReportPeriod } | { ok: false; error: string } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = paramsSchema.safeParse({
    range: first(params.range),
    from: first(params.from),
    to: first(params.to),
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid period." };
  const { range } = parsed.data;
  if (range !== "custom") {
    const days = Number.parseInt(range, 10);
    const from = new Date(now.getTime() - days * DAY);
    return { ok: true, period: { range, from, to: now, label: `Last ${days} days` } };
  }
  if (!parsed.data.from || !parsed.data.to) return { ok: false, error: "Choose both a from and a to date." };
  const from = parseDay(parsed.data.from);
  const lastDay = parseDay(parsed.data.to);
  if (!from || !lastDay) return { ok: false, error: "That date does not exist." };
  if (lastDay < from) return { ok: false, error: "The to date comes before the from date." };
  const to = new Date(lastDay.getTime() + DAY);
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY)
    return { ok: false, error: `Choose at most ${MAX_DAYS} days.` };
  return { ok: true, period: { range, from, to, label: `${isoDay(from)} to ${isoDay(lastDay)} (UTC)` } };
}
