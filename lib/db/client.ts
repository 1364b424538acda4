import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = getEnv().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  // Pool below the embedded PGlite's connection cap (scripts/embedded-db.mjs); a short
  // connect timeout so an unreachable database becomes an error page, not a hang.
  const adapter = new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

/** Lazy: `next build` imports this while collecting page data with no DATABASE_URL. */
export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}
