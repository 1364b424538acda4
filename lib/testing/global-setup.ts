import type { TestProject } from "vitest/node";
import pg from "pg";

import { migrate } from "../../scripts/migrate.mjs";
import { pgAdminUrl, withDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    pgAdminUrl: string;
  }
}

/** Migrates one template database per run; each test file clones it (fast, isolated). */
export default async function setup(project: TestProject) {
  const admin = pgAdminUrl();
  const template = `fb_tpl_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `Integration tests need a PostgreSQL server at ${admin} (${(e as Error).message}). ` +
        "Run them through `npm test`, which finds or starts one, or set TEST_PG_ADMIN_URL.",
    );
  }
  await client.query(`CREATE DATABASE ${template}`);
  await migrate({ connectionString: withDatabase(admin, template) });
  project.provide("templateDb", template);
  project.provide("pgAdminUrl", admin);
  return async () => {
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
  };
}
