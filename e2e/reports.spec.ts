import type { Page } from "@playwright/test";

import { sql } from "./db";
import { actAs, expect, test } from "./fixtures";

// The response report of a past week, seeded straight into the tables the report reads (the
// incidents were declared days apart: the UI cannot declare in the past). Every expected number
// below is computed by hand from the seeds, not by the code under test.
const MIN = 60;

type Seed = {
  title: string;
  severity: "SEV0" | "SEV1" | "SEV2" | "SEV3";
  service: string;
  declaredAt: string;
  /** Seconds after the declaration. */
  mitigatedAfter?: number;
  resolvedAfter?: number;
  /** The first thing a person did, seconds after the declaration. */
  respondedAfter?: number;
  /** An automatic event before the response (a notification sent): not a response. */
  autoAfter?: number;
};

async function seed(s: Seed): Promise<void> {
  const at = (after: number | undefined) =>
    after === undefined ? null : new Date(Date.parse(s.declaredAt) + after * 1000).toISOString();
  const status =
    s.resolvedAfter !== undefined
      ? "resolved"
      : s.mitigatedAfter !== undefined
        ? "mitigated"
        : "investigating";
  const [{ id }] = (await sql<{ id: number }>(
    `INSERT INTO incidents (title, severity, status, service, declared_by, declared_at, mitigated_at, resolved_at, updated_at)
     VALUES ($1, $2::"Severity", $3::"IncidentStatus", $4, 'Seeder', $5, $6, $7, now()) RETURNING id`,
    [s.title, s.severity, status, s.service, s.declaredAt, at(s.mitigatedAfter), at(s.resolvedAfter)],
  )) as [{ id: number }];
  const events: Array<[string, string, string, string, object]> = [
    [s.declaredAt, "status_change", "Seeder", "Declared", { from: null, to: "declared" }],
  ];
  if (s.autoAfter !== undefined)
    events.push([at(s.autoAfter)!, "action", "Firebreak", "Notification sent", { auto: true }]);
  if (s.respondedAfter !== undefined)
    events.push([at(s.respondedAfter)!, "note", "Sam Responder", "Looking at it", {}]);
  for (const [occurredAt, kind, actor, body, data] of events)
    await sql(
      `INSERT INTO timeline_events (incident_id, kind, actor, occurred_at, body, data)
       VALUES ($1, $2::"TimelineEventKind", $3, $4, $5, $6::jsonb)`,
      [id, kind, actor, occurredAt, body, JSON.stringify(data)],
    );
}

test.beforeAll(async () => {
  // Inside the week of 2026-03-02 .. 2026-03-08 (UTC):
  // SEV-1 A: responded 3 min (target < 5 min: met), mitigated 20 min, resolved 65 min.
  await seed({
    title: "A checkout latency",
    severity: "SEV1",
    service: "checkout-api",
    declaredAt: "2026-03-03T10:00:00.000Z",
    autoAfter: 10,
    respondedAfter: 3 * MIN,
    mitigatedAfter: 20 * MIN,
    resolvedAfter: 65 * MIN,
  });
  // SEV-1 B: responded 7 min (missed), mitigated 40 min, resolved 125 min.
  await seed({
    title: "B checkout errors",
    severity: "SEV1",
    service: "checkout-api",
    declaredAt: "2026-03-04T12:00:00.000Z",
    respondedAfter: 7 * MIN,
    mitigatedAfter: 40 * MIN,
    resolvedAfter: 125 * MIN,
  });
  // SEV-2 C: responded 90 s (target < 15 min: met), resolved 45 min without a mitigated step.
  await seed({
    title: "C search cache thrash",
    severity: "SEV2",
    service: "search-api",
    declaredAt: "2026-03-05T09:00:00.000Z",
    respondedAfter: 90,
    resolvedAfter: 45 * MIN,
  });
  // SEV-2 D: responded 10 min 30 s (met), still open.
  await seed({
    title: "D search slow",
    severity: "SEV2",
    service: "search-api",
    declaredAt: "2026-03-06T09:00:00.000Z",
    respondedAfter: 10 * MIN + 30,
  });
  // SEV-0 E: an automatic notification after 20 s, a person after 90 s (target < 2 min: met),
  // mitigated 12 min, resolved 30 min.
  await seed({
    title: "E checkout down",
    severity: "SEV0",
    service: "checkout-api",
    declaredAt: "2026-03-07T08:00:00.000Z",
    autoAfter: 20,
    respondedAfter: 90,
    mitigatedAfter: 12 * MIN,
    resolvedAfter: 30 * MIN,
  });
  // Outside the week on both sides: they must change nothing.
  for (const declaredAt of ["2026-03-01T23:59:59.000Z", "2026-03-09T00:00:00.000Z"])
    await seed({
      title: `outside ${declaredAt}`,
      severity: "SEV1",
      service: "billing-api",
      declaredAt,
      respondedAfter: 30,
      resolvedAfter: 60,
    });
});

function severityRow(page: Page, label: string) {
  return page
    .getByRole("table", { name: "Response times per SEV" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
}

test("the response report shows MTTA, MTTM and MTTR per SEV for seeded incidents, as computed by hand", async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, "Casey Commander", baseURL!);
  await page.goto("/reports");
  const period = page.getByRole("navigation", { name: "Period" });
  await period.getByLabel("From").fill("2026-03-02");
  await period.getByLabel("To").fill("2026-03-08");
  await period.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/reports\?range=custom&from=2026-03-02&to=2026-03-08$/);
  await expect(
    page.getByText("2026-03-02 to 2026-03-08 (UTC) (from 2026-03-02): 5 incidents declared."),
  ).toBeVisible();

  // Columns: incidents, MTTA, MTTM, MTTR, response target, target met.
  await expect(severityRow(page, "SEV-0").getByRole("cell")).toHaveText([
    "1",
    "1 min 30 s (1 of 1)", // the automatic event at 20 s is not a response
    "12 min (1 of 1)",
    "30 min (1 of 1)",
    "Immediate (< 2 minutes)",
    "100 % (1 of 1)",
  ]);
  await expect(severityRow(page, "SEV-1").getByRole("cell")).toHaveText([
    "2",
    "5 min (2 of 2)", // (3 + 7) / 2
    "30 min (2 of 2)", // (20 + 40) / 2
    "1 h 35 min (2 of 2)", // (65 + 125) / 2 = 95 min
    "< 5 minutes",
    "50 % (1 of 2)", // 3 min met, 7 min missed
  ]);
  await expect(severityRow(page, "SEV-2").getByRole("cell")).toHaveText([
    "2",
    "6 min (2 of 2)", // (90 s + 630 s) / 2 = 360 s
    "45 min (1 of 2)", // C's resolution stands for its mitigation; D is open
    "45 min (1 of 2)",
    "< 15 minutes",
    "100 % (2 of 2)",
  ]);
  await expect(severityRow(page, "SEV-3").getByRole("cell")).toHaveText([
    "0",
    "— (0 of 0)",
    "— (0 of 0)",
    "— (0 of 0)",
    "< 1 hour",
    "—",
  ]);
  await expect(page.getByRole("figure", { name: "MTTA per SEV against the response target" })).toBeVisible();

  const byService = page.getByRole("region", { name: "Incidents per service" }).getByRole("row");
  await expect(byService).toHaveText([
    "ServiceIncidentsSEV-0SEV-1SEV-2SEV-3",
    "checkout-api31200",
    "search-api20020",
  ]);
});
