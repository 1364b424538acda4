import { afterAll, beforeAll } from "vitest";

import { createTestDatabase, type TestDatabase } from "./test-db";

type PrismaHolder = { prisma?: { $disconnect(): Promise<void> } };

/**
 * For integration tests of code that goes through `getDb()`: a fresh migrated database for
 * the file, made the app's DATABASE_URL before any module reads it (call this before other
 * hooks; import app modules statically or lazily after it), then disconnected and dropped.
 */
export function setupAppDatabase(): { readonly url: string } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    delete (globalThis as PrismaHolder).prisma;
  });
  afterAll(async () => {
    const holder = globalThis as PrismaHolder;
    await holder.prisma?.$disconnect();
    delete holder.prisma;
    await db?.drop();
  });
  return {
    get url() {
      if (!db) throw new Error("setupAppDatabase(): the database exists only once beforeAll has run");
      return db.url;
    },
  };
}
