// Runs `prisma generate` offline: Prisma's CLI would otherwise try to download its
// native schema engine (not reachable here) and phone home. See README "Offline notes".
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const bin = "node_modules/.bin/prisma";
if (!existsSync(bin)) process.exit(0);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const r = spawnSync(bin, ["generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
