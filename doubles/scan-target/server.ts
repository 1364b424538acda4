/** The scan target's HTTP server: answers per `behaviour.ts`, plus control and inspection hooks. */
import { createServer, type IncomingMessage, type Server } from "node:http";

import { answer, DEFAULT_BEHAVIOUR, type Behaviour } from "./behaviour";

export type Seen = { method: string; path: string; at: number; userAgent: string | null };

export function createTargetServer(initial: Partial<Behaviour> = {}): Server {
  let behaviour: Behaviour = { ...DEFAULT_BEHAVIOUR, ...initial };
  let counter = 0;
  let seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/healthz") return json(res, 200, { ok: true });
    if (path === "/__double/behaviour") {
      if (req.method === "POST")
        behaviour = { ...behaviour, ...(JSON.parse(await read(req)) as Partial<Behaviour>) };
      return json(res, 200, behaviour);
    }
    if (path === "/__double/requests") {
      if (req.method === "DELETE") {
        seen = [];
        counter = 0;
        maxInFlight = 0;
      }
      return json(res, 200, { count: seen.length, maxInFlight, requests: seen });
    }
    seen.push({
      method: req.method ?? "GET",
      path,
      at: Date.now(),
      userAgent: req.headers["user-agent"] ?? null,
    });
    const a = answer(behaviour, counter++, { method: req.method ?? "GET", path, origin: req.headers.origin });
    if (a.kind === "hang") return; // never answered: the client's timeout decides
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (a.delayMs > 0) await new Promise((r) => setTimeout(r, a.delayMs));
    inFlight--;
    res.writeHead(a.status, a.headers).end(a.body);
  });
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (d) => (s += d));
    req.on("end", () => resolve(s || "{}"));
  });
}
