// After `next build`: Next applies outputFileTracingExcludes to each route's trace but not to the
// instrumentation hook's (the collector and job workers), whose trace currently takes in the whole
// project. This removes from the standalone output what the image must not ship — the same list as
// next.config.ts's excludes — so the image holds the server, its node_modules and runtime files only.
//   node scripts/prune-standalone.mjs [distDir]
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next";
const standalone = path.join(distDir, "standalone");
const NOT_SHIPPED = [
  "app",
  "components",
  "lib",
  "doubles",
  "e2e",
  "docs",
  "scripts",
  "test-results",
  ".data",
];

if (!existsSync(standalone)) {
  console.error(`[prune-standalone] ${standalone} does not exist (run next build first)`);
  process.exit(1);
}
for (const name of NOT_SHIPPED) rmSync(path.join(standalone, name), { recursive: true, force: true });
for (const name of readdirSync(standalone)) if (name.endsWith(".md")) rmSync(path.join(standalone, name));
console.log(`[prune-standalone] removed sources, tests and doubles from ${standalone}`);
