import { z } from "zod";

import { renderPrometheusRule, renderRulesFile } from "@/lib/alerts/render";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  job: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.:-]{1,100}$/, "job must be a Prometheus job name")
    .default("api-optimizer"),
  format: z.enum(["rules", "prometheusrule"]).default("rules"),
});

/** GET /api/alerts/rules?job=api-optimizer&format=rules|prometheusrule — the runbook's
 * thresholds as Prometheus alerting rules, as a file download. */
export const GET = defineRoute(
  { name: "alert rules", permission: "incident:read", query: querySchema },
  async ({ query }) => {
    const text =
      query.format === "rules"
        ? renderRulesFile({ job: query.job })
        : renderPrometheusRule({ job: query.job });
    const file =
      query.format === "rules" ? `firebreak-rules-${query.job}.yml` : `prometheusrule-${query.job}.yaml`;
    return new Response(text, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "no-store",
      },
    });
  },
);
