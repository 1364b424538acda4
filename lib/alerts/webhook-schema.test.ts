import { describe, expect, it } from "vitest";

import { mapAlert } from "./mapping";
import { describeIssue, webhookPayloadSchema } from "./webhook-schema";

// Grafana's webhook contact point sends Alertmanager's shape plus its own fields.
const grafana = {
  receiver: "firebreak",
  status: "firing",
  orgId: 1,
  alerts: [
    {
      status: "firing",
      labels: { alertname: "HighLatency", grafana_folder: "API", service: "checkout", severity: "critical" },
      annotations: { summary: "p95 above 50 ms" },
      startsAt: "2026-11-28T05:00:00.000+01:00",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://grafana/alerting/grafana/abc/view",
      fingerprint: "3c1f0a9b2d4e5f60",
      silenceURL: "http://grafana/alerting/silence/new",
      dashboardURL: "",
      panelURL: "",
      values: { B: 61.2 },
      valueString: "[ var='B' labels={} value=61.2 ]",
    },
  ],
  groupLabels: { alertname: "HighLatency" },
  commonLabels: { alertname: "HighLatency" },
  commonAnnotations: {},
  externalURL: "http://grafana/",
  version: "1",
  groupKey: '{}:{alertname="HighLatency"}',
  truncatedAlerts: 0,
  title: "[FIRING:1] HighLatency",
  state: "alerting",
  message: "**Firing**",
};

describe("webhook payload", () => {
  it("accepts Grafana's Alertmanager-compatible payload and maps severity labels to a SEV", () => {
    const parsed = webhookPayloadSchema.parse(grafana);
    const mapped = mapAlert(parsed.alerts[0]!);
    expect(mapped).toMatchObject({ service: "checkout", level: "SEV1", metric: null, endsAt: null });
    expect(mapped.startsAt.toISOString()).toBe("2026-11-28T04:00:00.000Z");
  });

  it("prefers the generated rules' sev and metric labels", () => {
    const a = {
      ...grafana.alerts[0]!,
      labels: { alertname: "X", sev: "SEV0", firebreak_metric: "live", job: "web" },
    };
    expect(mapAlert(webhookPayloadSchema.parse({ ...grafana, alerts: [a] }).alerts[0]!)).toMatchObject({
      level: "SEV0",
      metric: "live",
      service: "web",
    });
  });

  it("names the path of the first problem", () => {
    const noName = { ...grafana.alerts[0]!, labels: { service: "x" } };
    const r = webhookPayloadSchema.safeParse({ ...grafana, alerts: [noName] });
    expect(r.success).toBe(false);
    expect(describeIssue(r.error!)).toBe("alerts.0.labels: labels.alertname is required");
    const badFp = webhookPayloadSchema.safeParse({
      ...grafana,
      alerts: [{ ...grafana.alerts[0], fingerprint: "../x" }],
    });
    expect(describeIssue(badFp.error!)).toBe("alerts.0.fingerprint: expected an alert fingerprint");
  });
});
