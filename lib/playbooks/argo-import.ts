import { parse as parseYaml, stringify } from "yaml";
import { z } from "zod";

import { metricSchema, sourceSchema, stepSchema, type Source } from "./schema";

/**
 * Imports an Argo Rollouts AnalysisTemplate (or ClusterAnalysisTemplate) as a playbook `check`
 * step: each metric keeps its name, interval, count, failureLimit and conditions; `web`
 * (url, jsonPath, timeoutSeconds) and `prometheus` (address, query) providers are supported.
 * `{{args.x}}` placeholders are filled from `args` (or the template's own arg values);
 * a URL under `baseUrl` becomes `{{service.metricsBaseUrl}}/…` so the check runs against the
 * incident's service. Argo's Prometheus result is a vector (`result[0]`); Firebreak's instant
 * query yields the first sample as a number, so `result[0]` becomes `result`.
 */

export class ImportError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const argoMetric = z.looseObject({
  name: z.string().min(1),
  interval: z.string().optional(),
  count: z.union([z.number(), z.string()]).optional(),
  failureLimit: z.union([z.number(), z.string()]).optional(),
  successCondition: z.string().optional(),
  failureCondition: z.string().optional(),
  provider: z.looseObject({
    web: z
      .looseObject({
        url: z.string(),
        jsonPath: z.string().optional(),
        timeoutSeconds: z.number().optional(),
      })
      .optional(),
    prometheus: z.looseObject({ address: z.string().optional(), query: z.string() }).optional(),
  }),
});

const template = z.looseObject({
  apiVersion: z.string().startsWith("argoproj.io/"),
  kind: z.enum(["AnalysisTemplate", "ClusterAnalysisTemplate"]),
  metadata: z.looseObject({ name: z.string().min(1) }),
  spec: z.looseObject({
    args: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
    metrics: z.array(argoMetric).min(1),
  }),
});

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "metric";

export type ImportOptions = {
  args?: Record<string, string>;
  baseUrl?: string;
  source: Source;
  title?: string;
};

export function importAnalysisTemplate(text: string, options: ImportOptions) {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ImportError("(file)", `not valid YAML: ${(e as Error).message}`);
  }
  const parsed = template.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ImportError(i.path.join(".") || "(file)", i.message);
  }
  const t = parsed.data;
  const args: Record<string, string> = {};
  for (const a of t.spec.args ?? []) if (a.value !== undefined) args[a.name] = a.value;
  Object.assign(args, options.args);
  const fill = (s: string, field: string) =>
    s.replace(/\{\{\s*args\.([\w-]+)\s*\}\}/g, (_m, name: string) => {
      const v = args[name];
      if (v === undefined)
        throw new ImportError(field, `argument "${name}" has no value; pass it to the import`);
      return v;
    });

  const metrics = t.spec.metrics.map((m, i) => {
    const field = `spec.metrics.${i}`;
    const isProm = !!m.provider.prometheus;
    const cond = (c?: string) =>
      c === undefined ? undefined : isProm ? c.replace(/result\[0\]/g, "result") : c;
    let provider: unknown;
    if (m.provider.web) {
      let url = fill(m.provider.web.url, `${field}.provider.web.url`);
      const base = options.baseUrl?.replace(/\/+$/, "");
      if (base && url.startsWith(base)) url = `{{service.metricsBaseUrl}}${url.slice(base.length)}`;
      provider = {
        web: {
          url,
          ...(m.provider.web.jsonPath ? { jsonPath: m.provider.web.jsonPath } : {}),
          ...(m.provider.web.timeoutSeconds ? { timeoutSeconds: m.provider.web.timeoutSeconds } : {}),
        },
      };
    } else if (m.provider.prometheus) {
      const { address, query } = m.provider.prometheus;
      provider = {
        prometheus: {
          ...(address ? { address: fill(address, `${field}.provider.prometheus.address`) } : {}),
          query: fill(query, `${field}.provider.prometheus.query`).trim(),
        },
      };
    } else {
      const kinds = Object.keys(m.provider).join(", ") || "none";
      throw new ImportError(`${field}.provider`, `provider ${kinds} is not supported (web, prometheus)`);
    }
    const out = {
      name: slugify(m.name),
      label: m.name,
      ...(m.interval ? { interval: m.interval } : {}),
      ...(m.count !== undefined ? { count: Number(m.count) } : {}),
      ...(m.failureLimit !== undefined ? { failureLimit: Number(m.failureLimit) } : {}),
      ...(m.successCondition ? { successCondition: cond(m.successCondition) } : {}),
      ...(m.failureCondition ? { failureCondition: cond(m.failureCondition) } : {}),
      provider,
    };
    const check = metricSchema.safeParse(out);
    if (!check.success) {
      const issue = check.error.issues[0]!;
      throw new ImportError(`${field}.${issue.path.join(".")}`, issue.message);
    }
    return out;
  });

  const step = {
    id: slugify(t.metadata.name),
    title: options.title ?? `Analysis: ${t.metadata.name}`,
    kind: "check" as const,
    source: sourceSchema.parse(options.source),
    metrics,
  };
  const valid = stepSchema.safeParse(step);
  if (!valid.success)
    throw new ImportError(valid.error.issues[0]!.path.join("."), valid.error.issues[0]!.message);
  return { step, yaml: stringify([step]) };
}
