import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, startCollectorProcess, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";
import { testActor } from "@/lib/testing/actors";
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { migrate } from "./migrate.mjs";

// The embedded dev database under the load of a dev session: the collector (its own process,
// polling the optimizer double at a scaled interval) plus 20 concurrent readers and writers
// running what the pages and API routes run (overview, panel series, incidents list, review,
// notes), all through the app's Prisma pool. Zero errors of any kind is the bar: a garbled
// extended-protocol exchange shows up as "bind message supplies …", "portal "" does not exist"
// or a wrong row count, never silently.
const SECONDS = Number(process.env.EMBEDDED_DB_STRESS_SECONDS ?? 60);
const WORKERS = 20;
const SCALE = 0.05; // fast group every 1.5 s

type Embedded = Awaited<ReturnType<typeof startEmbeddedPostgres>>;
type PrismaHolder = { prisma?: { $disconnect(): Promise<void> } };
let embedded: Embedded;
let double: Proc & { url: string };
let collector: Proc | undefined;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
  await migrate({ connectionString: embedded.url, log: () => {} });
  process.env.DATABASE_URL = embedded.url;
  delete (globalThis as PrismaHolder).prisma;
  double = await startDouble("optimizer", ["--noise", "0"]);
}, 180_000);

afterAll(async () => {
  await collector?.stop();
  await double?.stop();
  await (globalThis as PrismaHolder).prisma?.$disconnect();
  delete (globalThis as PrismaHolder).prisma;
  await embedded?.stop();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql, params);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
const sampleCount = () => count(`SELECT count(*) AS n FROM "metric_samples"`);

describe("embedded database under concurrent use", () => {
  it(
    `serves the collector and ${WORKERS} parallel page/API loads for ${SECONDS} s with zero errors`,
    async () => {
      const { loadOverview } = await import("@/lib/dashboards/load-overview");
      const { loadPanel } = await import("@/lib/dashboards/load-panel");
      const { declareIncident, addNote } = await import("@/lib/incidents/commands");
      const { listIncidents, getIncidentReview } = await import("@/lib/incidents/queries");

      const dir = await mkdtemp(path.join(tmpdir(), "fb-pglite-load-"));
      const file = path.join(dir, "services.yaml");
      await writeFile(
        file,
        `services:\n  - name: loaded\n    metricsBaseUrl: ${double.url}\n    ratioUnit: percent\n` +
          `    k8sDeployment: loaded\n    k8sService: loaded\n`,
      );
      collector = startCollectorProcess({
        DATABASE_URL: embedded.url,
        FIREBREAK_SERVICES_FILE: file,
        COLLECTOR_INTERVAL_SCALE: String(SCALE),
        COLLECTOR_TIMEOUT_MS: "2000",
        OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
      });
      await waitFor(async () => (await sampleCount()) > 0, 60_000, `first samples: ${collector.output()}`);
      const samplesBefore = await sampleCount();

      const actor = testActor("responder", "Load Tester");
      const { id } = await declareIncident(
        { title: "Load on the embedded database", severity: "SEV3", service: "loaded", summary: "" },
        actor,
      );
      const errors: string[] = [];
      let done = 0;
      let notes = 0;
      const loads: Array<() => Promise<unknown>> = [
        () => loadOverview(),
        () => loadPanel("loaded", "latency", "1h"),
        () => listIncidents(),
        () => getIncidentReview(id),
        async () => {
          await addNote({ incidentId: id, body: `note ${notes}` }, actor);
          notes++;
        },
      ];
      const end = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, w) => {
          for (let i = w; Date.now() < end; i++) {
            try {
              await loads[i % loads.length]!();
              done++;
            } catch (e) {
              errors.push(String((e as Error).message ?? e).slice(0, 300));
            }
          }
        }),
      );

      const noteEvents = await count(
        `SELECT count(*) AS n FROM "timeline_events" WHERE incident_id = $1 AND kind = 'note'`,
        [id],
      );
      const collectorErrors = collector
        .output()
        .split("\n")
        .filter((l) => /prepared statement|bind message|portal|protocol|does not exist/i.test(l));
      console.log(
        `[embedded-db] ${done} loads, ${notes} notes, ${(await sampleCount()) - samplesBefore} samples in ${SECONDS} s`,
      );
      expect(errors).toEqual([]);
      expect(collectorErrors).toEqual([]);
      expect(noteEvents).toBe(notes);
      expect(done).toBeGreaterThanOrEqual(WORKERS);
      expect(await sampleCount()).toBeGreaterThan(samplesBefore);
    },
    (SECONDS + 120) * 1000,
  );
});
