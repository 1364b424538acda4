/** A webhook receiver (Slack-compatible, Teams Workflows or Standard Webhooks endpoints are all a
 * POST): records what it receives, verifies Standard Webhooks signatures with the reference
 * library, and answers from a script per path (e.g. 500, 500, then 200).
 *
 * Test API:
 *   POST   /__double/paths/<path>  {"answers": [500, 500, 200], "secret": "whsec_…", "otherwise": 200}
 *   GET    /__double/received      {"count", "requests": [{path, body, json, headers, signature, status, at}]}
 *   DELETE /__double/received      forgets requests and scripts
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { Webhook } from "standardwebhooks";

export type PathScript = { answers: number[]; secret: string | null; otherwise: number };
export type Received = {
  path: string;
  body: string;
  json: unknown;
  headers: Record<string, string>;
  /** "valid", "invalid: <reason>", or "unsigned" (no secret configured for the path). */
  signature: string;
  status: number;
  at: number;
};

const KEPT_HEADERS = ["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature"];

export function createReceiverServer(defaults: { secret?: string | null; answers?: number[] } = {}): Server {
  let scripts = new Map<string, PathScript>();
  let received: Received[] = [];
  const scriptFor = (path: string): PathScript => {
    let s = scripts.get(path);
    if (!s) {
      s = { answers: [...(defaults.answers ?? [])], secret: defaults.secret ?? null, otherwise: 200 };
      scripts.set(path, s);
    }
    return s;
  };
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/healthz") return json(res, 200, { ok: true });
    if (path === "/__double/received") {
      if (req.method === "DELETE") {
        received = [];
        scripts = new Map();
      }
      return json(res, 200, { count: received.length, requests: received });
    }
    if (path.startsWith("/__double/paths/") && req.method === "POST") {
      const target = path.slice("/__double/paths".length);
      const body = JSON.parse((await read(req)) || "{}") as Partial<PathScript>;
      const s = scriptFor(target);
      scripts.set(target, {
        answers: body.answers ?? s.answers,
        secret: body.secret === undefined ? s.secret : body.secret,
        otherwise: body.otherwise ?? s.otherwise,
      });
      return json(res, 200, scripts.get(target));
    }
    if (req.method !== "POST") return json(res, 405, { error: "POST only" });
    const body = await read(req);
    const script = scriptFor(path);
    const status = script.answers.length > 0 ? script.answers.shift()! : script.otherwise;
    const headers = Object.fromEntries(
      KEPT_HEADERS.filter((h) => typeof req.headers[h] === "string").map((h) => [
        h,
        req.headers[h] as string,
      ]),
    );
    received.push({
      path,
      body,
      json: parse(body),
      headers,
      signature: verify(script.secret, body, headers),
      status,
      at: Date.now(),
    });
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "error");
  });
}

function verify(secret: string | null, body: string, headers: Record<string, string>): string {
  if (!secret) return "unsigned";
  try {
    new Webhook(secret).verify(body, headers);
    return "valid";
  } catch (e) {
    return `invalid: ${(e as Error).message}`;
  }
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = "";
    req.on("data", (d) => (s += d));
    req.on("end", () => resolve(s));
    req.on("error", reject);
  });
}
