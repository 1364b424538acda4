import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

import { withDatabase } from "./pg-admin";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh, migrated database on the real PostgreSQL server, cloned from the run's template. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const admin = inject("pgAdminUrl");
  const name = `fb_t_${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const template = options.migrated === false ? "template0" : inject("templateDb");
    // Postgres refuses to clone a template another session is cloning at that instant: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await client.end();
  }
  return {
    name,
    url: withDatabase(admin, name),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
