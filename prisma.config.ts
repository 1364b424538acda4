import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Only Prisma's CLI reads this; the app hands DATABASE_URL to @prisma/adapter-pg itself.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres",
  },
});
