import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ClientNodeCluster } from "./client-node-cluster";

const SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "api", namespace: "default", resourceVersion: "7" },
  spec: { selector: { app: "api", version: "new" } },
};

let server: Server;
let connections = 0;
let kubeconfigPath: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(SERVICE));
  });
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  kubeconfigPath = path.join(mkdtempSync(path.join(tmpdir(), "firebreak-kubeconfig-")), "config");
  // insecure-skip-tls-verify is a TLS setting: with it client-node builds a new agent per request.
  writeFileSync(
    kubeconfigPath,
    [
      "apiVersion: v1",
      "kind: Config",
      `clusters: [{name: c, cluster: {server: 'http://127.0.0.1:${port}', insecure-skip-tls-verify: true}}]`,
      "users: [{name: u, user: {token: t}}]",
      "contexts: [{name: x, context: {cluster: c, user: u}}]",
      "current-context: x",
    ].join("\n"),
  );
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("client-node connections", () => {
  it("sends one adapter's calls over a few kept-alive connections, not one connection per call", async () => {
    const cluster = new ClientNodeCluster({ kubeconfigPath, timeoutMs: 2000 });
    const ref = { namespace: "default", name: "api" };
    for (let i = 0; i < 20; i++) expect((await cluster.getService(ref)).resourceVersion).toBe("7");
    // The pool may open a second connection while the first one is being handed back.
    expect(connections).toBeLessThanOrEqual(2);
  });
});
