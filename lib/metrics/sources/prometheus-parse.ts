import { z } from "zod";

/** Prometheus HTTP API envelope (https://prometheus.io/docs/prometheus/latest/querying/api/). */
const sampleValue = z.tuple([z.number(), z.string()]);
const envelope = z.discriminatedUnion("status", [
  z.looseObject({
    status: z.literal("success"),
    data: z.discriminatedUnion("resultType", [
      z.looseObject({
        resultType: z.literal("vector"),
        result: z.array(z.looseObject({ metric: z.record(z.string(), z.string()), value: sampleValue })),
      }),
      z.looseObject({ resultType: z.literal("scalar"), result: sampleValue }),
      z.looseObject({ resultType: z.literal("matrix"), result: z.array(z.unknown()) }),
      z.looseObject({ resultType: z.literal("string"), result: sampleValue }),
    ]),
  }),
  z.looseObject({
    status: z.literal("error"),
    errorType: z.string().optional(),
    error: z.string().optional(),
  }),
]);

/**
 * The value of an instant query: one series (or a scalar) → its number; an empty vector →
 * null ("no data"); NaN/Inf → null. Throws on an error answer, a malformed envelope, several
 * series (the expression must aggregate to one), or a non-numeric result.
 */
export function parseInstantQuery(body: unknown): number | null {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `not a Prometheus API answer: ${parsed.error.issues
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")}`,
    );
  }
  const answer = parsed.data;
  if (answer.status === "error")
    throw new Error(`${answer.errorType ?? "error"}: ${answer.error ?? "(no message)"}`);
  const data = answer.data;
  let raw: string;
  if (data.resultType === "vector") {
    if (data.result.length === 0) return null;
    if (data.result.length > 1)
      throw new Error(
        `expected one series, got ${data.result.length} (aggregate the expression, e.g. with max() or sum())`,
      );
    raw = data.result[0]!.value[1];
  } else if (data.resultType === "scalar") {
    raw = data.result[1];
  } else {
    throw new Error(`expected an instant vector or scalar, got ${data.resultType}`);
  }
  const v = Number(raw);
  if (raw.trim() === "" || Number.isNaN(v)) {
    if (/^[+-]?(NaN|Inf)$/i.test(raw.trim())) return null;
    throw new Error(`sample value "${raw}" is not a number`);
  }
  return Number.isFinite(v) ? v : null;
}
