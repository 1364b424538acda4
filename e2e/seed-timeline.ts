import pg from "pg";

/** The e2e app's database (playwright.config.ts). Seeding 10,000 events through the UI would take
 * minutes; they are written straight into the tables the app reads, as the timeline holds them. */
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/firebreak_e2e";

/** An incident declared an hour ago whose timeline holds `count` notes, "Seeded event 1" oldest. */
export async function seedIncidentWithEvents(count: number, title: string): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO incidents (title, severity, service, declared_by, declared_at, updated_at)
       VALUES ($1, 'SEV2', 'timeline-scale', 'Seeder', now() - interval '1 hour', now()) RETURNING id`,
      [title],
    );
    const id = rows[0]!.id;
    await client.query(
      `INSERT INTO timeline_events (incident_id, kind, actor, occurred_at, body)
       SELECT $1, 'note', 'Seeder', now() - interval '1 hour' + g * interval '100 milliseconds',
              'Seeded event ' || g
       FROM generate_series(1, $2::int) g`,
      [id, count],
    );
    // What autovacuum does shortly after a bulk insert; the planner then knows the incident's size.
    await client.query("ANALYZE timeline_events");
    return id;
  } finally {
    await client.end();
  }
}
