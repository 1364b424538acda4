/** Where integration tests create their throw-away databases: a real PostgreSQL server.
 * scripts/test.mjs sets TEST_PG_ADMIN_URL after finding or starting one. */
export function pgAdminUrl(): string {
  if (process.env.TEST_PG_ADMIN_URL) return process.env.TEST_PG_ADMIN_URL;
  if (process.env.DATABASE_URL) return withDatabase(process.env.DATABASE_URL, "postgres");
  return "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
