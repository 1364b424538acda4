// client-node's calls go through the request transport (undici's request(), client-node-request.ts):
// what reaches the API server and what a failure becomes must be what client-node's own fetch
// transport gives.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ClientNodeCluster } from "./client-node-cluster";

type Seen = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };
type Reply = (req: IncomingMessage, res: ServerResponse) => void;

const SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "api", namespace: "prod", resourceVersion: "41" },
  spec: { selector: { app: "api", version: "stable" } },
};
const REF = { namespace: "prod", name: "api" };

let server: Server;
let port: number;
let seen: Seen[] = [];
let reply: Reply;

function kubeconfig(serverUrl: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "firebreak-transport-")), "config");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      // client-node sends a token over plain HTTP only with this TLS setting; it also makes
      // client-node build a dispatcher of its own, which the transport must use.
      `clusters: [{name: c, cluster: {server: '${serverUrl}', insecure-skip-tls-verify: true}}]`,
      "users: [{name: u, user: {token: s3cret-token}}]",
      "contexts: [{name: x, context: {cluster: c, user: u}}]",
      "current-context: x",
    ].join("\n"),
  );
  return file;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      reply(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen = [];
  reply = (_req, res) => json(res, 200, SERVICE);
});

const cluster = (timeoutMs = 2000) =>
  new ClientNodeCluster({ kubeconfigPath: kubeconfig(`http://127.0.0.1:${port}`), timeoutMs });

describe("client-node's request transport", () => {
  it("sends a JSON patch as client-node builds it: method, path and query, content type, token, body", async () => {
    const ops = [{ op: "replace" as const, path: "/spec/selector/version", value: "stable" }];
    const after = await cluster().patchService(REF, ops, { dryRun: true });
    expect(after).toMatchObject({ name: "api", resourceVersion: "41", selector: { version: "stable" } });
    const [req] = seen;
    expect(req!.method).toBe("PATCH");
    const url = new URL(req!.url!, "http://x");
    expect(url.pathname).toBe("/api/v1/namespaces/prod/services/api");
    expect(Object.fromEntries(url.searchParams)).toEqual({ dryRun: "All", fieldManager: "firebreak" });
    expect(req!.headers["content-type"]).toBe("application/json-patch+json");
    expect(req!.headers.authorization).toBe("Bearer s3cret-token");
    expect(req!.headers.accept).toContain("application/json");
    expect(JSON.parse(req!.body)).toEqual(ops);
  });

  it("turns an API error status into its plain-words error with the server's message", async () => {
    reply = (_req, res) =>
      json(res, 404, { kind: "Status", status: "Failure", message: 'services "api" not found', code: 404 });
    await expect(cluster().getService(REF)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'Not found in Kubernetes: read service prod/api (404): services "api" not found.',
    });
  });

  it("gives up at the call's timeout when the server never answers", async () => {
    reply = () => undefined; // holds the request open
    const t0 = Date.now();
    await expect(cluster(300).getService(REF)).rejects.toMatchObject({
      code: "TIMEOUT",
      message: "Kubernetes did not answer within 0.3 s (read service prod/api).",
    });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("names the network error when nothing listens at the API server's address", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const unreachable = new ClientNodeCluster({
      kubeconfigPath: kubeconfig(`http://127.0.0.1:${closedPort}`),
      timeoutMs: 2000,
    });
    await expect(unreachable.getService(REF)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("(read service prod/api: ECONNREFUSED)"),
    });
  });
});
