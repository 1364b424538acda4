import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { freePort, ROOT, startProcess, waitFor, type Proc } from "@/lib/testing/spawn";

// The dev server started as `npm run dev` starts it (no -H: bound to every address, hostname
// localhost) and opened from 127.0.0.1 or a LAN address: Next refuses its dev endpoints (the
// HMR websocket, dev assets) to origins it does not know, with a 403, and the page then never
// becomes interactive. next.config.ts's allowedDevOrigins lets this machine's own addresses in,
// and nothing else.
const DIST = `.next-devorigins-${process.pid}`;
let dev: Proc | undefined;
let port = 0;

// next dev adds its dist folder to tsconfig.json and rewrites next-env.d.ts on its first start;
// both are put back as they were.
const generated = ["tsconfig.json", "next-env.d.ts"].map((file) => {
  const abs = path.join(ROOT, file);
  return { abs, before: existsSync(abs) ? readFileSync(abs, "utf8") : null };
});

afterAll(async () => {
  await dev?.stop();
  rmSync(path.join(ROOT, DIST), { recursive: true, force: true });
  for (const { abs, before } of generated) {
    if (before === null) rmSync(abs, { force: true });
    else if (readFileSync(abs, "utf8") !== before) writeFileSync(abs, before);
  }
});

async function devEndpointStatus(origin: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/_next/webpack-hmr`, { headers: { origin } });
  return res.status;
}

describe("the dev server opened from another address", () => {
  it("accepts 127.0.0.1 and the machine's LAN addresses on its dev endpoints, and refuses other origins", async () => {
    port = await freePort();
    dev = startProcess(path.join(ROOT, "node_modules/.bin/next"), ["dev", "-p", String(port)], {
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    await waitFor(async () => /Ready in/.test(dev!.output()), 120_000, `next dev: ${dev.output()}`);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

    expect(await devEndpointStatus("http://evil.example")).toBe(403);
    expect(await devEndpointStatus(`http://127.0.0.1:${port}`)).not.toBe(403);
    expect(await devEndpointStatus(`http://localhost:${port}`)).not.toBe(403);
    if (lan) expect(await devEndpointStatus(`http://${lan}:${port}`)).not.toBe(403);
  }, 180_000);
});
