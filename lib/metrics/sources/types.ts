import type { MetricKey, PollGroup } from "@/lib/runbook/catalog";

/** Values of one poll, in the catalog's canonical units. A key present with null = that
 * metric could not be read (a gap); a key absent = the source does not provide it. */
export type PollResult = { values: Partial<Record<MetricKey, number | null>>; errors: string[] };

/** One module per metrics system behind this interface. */
export interface MetricsSource {
  poll(group: PollGroup): Promise<PollResult>;
}

export function describeError(e: unknown): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return "timed out";
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  if (cause?.message) return `${(e as Error).message}: ${cause.message}`;
  return e instanceof Error ? e.message : String(e);
}
