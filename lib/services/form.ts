import { METRIC_KEYS, type MetricKey } from "@/lib/runbook/catalog";

/**
 * A posted service form (flat string fields) → the input serviceInputSchema validates.
 * Field names are the schema's paths ("thresholdOverrides.p95_latency_ms.warning",
 * "promQueries.live"), so zod's error paths land beside the right inputs. Empty fields are
 * "not set" (the schema default applies); a non-numeric threshold is kept as text so the
 * schema reports it instead of it silently becoming "no override".
 */
export function formToServiceInput(form: Record<string, unknown>): Record<string, unknown> {
  const text = (k: string) => {
    const v = form[k];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const out: Record<string, unknown> = {};
  for (const k of [
    "id",
    "name",
    "metricsSource",
    "metricsBaseUrl",
    "ratioUnit",
    "k8sContext",
    "k8sNamespace",
    "k8sDeployment",
    "k8sService",
    "selectorLabel",
    "stableValue",
    "upstreamHealthUrl",
  ]) {
    const v = text(k);
    if (v !== undefined) out[k] = v;
  }
  out.autoDeclare = form.autoDeclare === "on" || form.autoDeclare === "true" || form.autoDeclare === true;
  const thresholds: Partial<Record<MetricKey, Record<string, unknown>>> = {};
  const prom: Partial<Record<MetricKey, string>> = {};
  for (const key of METRIC_KEYS) {
    for (const level of ["warning", "critical"] as const) {
      const v = text(`thresholdOverrides.${key}.${level}`);
      if (v === undefined) continue;
      const n = Number(v);
      (thresholds[key] ??= {})[level] = Number.isFinite(n) ? n : v;
    }
    const q = text(`promQueries.${key}`);
    if (q !== undefined) prom[key] = q;
  }
  out.thresholdOverrides = thresholds;
  out.promQueries = prom;
  return out;
}
