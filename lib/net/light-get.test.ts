import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseCidrList } from "./address-policy";
import { lightGet } from "./light-get";
import { readBody } from "./light-get-body";
import type { Resolver } from "./resolve-target";

const LOOPBACK = parseCidrList("127.0.0.0/8");
const SECRET = "AKIA-SECRET-METADATA-TOKEN";

let server: Server;
let base: string;
const connections = { count: 0 };

beforeAll(async () => {
  server = createHttpServer((req, res) => {
    if (req.url === "/json") return res.end(JSON.stringify({ ok: true, accept: req.headers.accept }));
    if (req.url === "/chunked") {
      res.write('{"a":');
      setTimeout(() => res.end("[1,2,3]}"), 5);
      return;
    }
    if (req.url === "/live") return res.writeHead(503, { "content-type": "text/plain" }).end("DOWN");
    if (req.url === "/redirect") return res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    if (req.url === "/declared-huge") return res.writeHead(200, { "content-length": "10485760" }).end();
    if (req.url === "/huge") return res.end(`${SECRET}${"a".repeat(2048)}`);
    if (req.url === "/close") return res.writeHead(200, { connection: "close" }).end("bye");
    if (req.url === "/slow") return;
    res.writeHead(404).end();
  });
  server.on("connection", () => connections.count++);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const get = (path: string, extra: Partial<Parameters<typeof lightGet>[1]> = {}) =>
  lightGet(`${base}${path}`, {
    timeoutMs: 2_000,
    policy: LOOPBACK,
    readBody: true,
    maxBytes: 1024,
    ...extra,
  });

describe("lightGet: the same doors as safeFetch", () => {
  it("refuses the metadata address and a host that resolves to it, before connecting", async () => {
    const policy = parseCidrList("0.0.0.0/0,::/0");
    await expect(
      lightGet("http://169.254.169.254/latest/", { timeoutMs: 500, policy, readBody: false, maxBytes: 10 }),
    ).rejects.toMatchObject({ reason: "refused-address" });
    const resolve: Resolver = async () => [{ address: "169.254.169.254", family: 4 }];
    await expect(
      lightGet("http://metadata.internal/", {
        timeoutMs: 500,
        policy,
        readBody: false,
        maxBytes: 10,
        resolve,
      }),
    ).rejects.toMatchObject({
      reason: "refused-address",
      message: expect.stringMatching(/^metadata\.internal is/),
    });
  });

  it("refuses loopback unless allowlisted", async () => {
    await expect(get("/json", { policy: parseCidrList("") })).rejects.toMatchObject({
      reason: "refused-address",
    });
  });

  it("refuses a redirect without following it", async () => {
    await expect(get("/redirect")).rejects.toMatchObject({
      reason: "redirect",
      message: "answered 302: redirect refused",
    });
    await expect(get("/redirect", { readBody: false })).rejects.toMatchObject({ reason: "redirect" });
  });

  it("caps the body with safeFetch's words, never quoting it", async () => {
    await expect(get("/declared-huge")).rejects.toMatchObject({
      reason: "too-large",
      message: "answered 200 with a body larger than 1 KB; stopped reading",
    });
    const e = await get("/huge").catch((x: Error) => x);
    expect(e).toMatchObject({ reason: "too-large" });
    expect(String(e)).not.toContain(SECRET);
  });

  it("times out with safeFetch's words", async () => {
    await expect(get("/slow", { timeoutMs: 150 })).rejects.toMatchObject({
      reason: "timeout",
      message: "timed out after 150 ms",
    });
  });
});

describe("lightGet: answers and connections", () => {
  it("reads a body by length and by chunks, and sends the Accept header", async () => {
    const json = await get("/json", { accept: "application/json" });
    expect(JSON.parse(json.body.toString())).toEqual({ ok: true, accept: "application/json" });
    const chunked = await get("/chunked");
    expect(JSON.parse(chunked.body.toString())).toEqual({ a: [1, 2, 3] });
  });

  it("returns a status without the body, and reuses one connection for sequential requests", async () => {
    await get("/json");
    const before = connections.count;
    for (let i = 0; i < 5; i++) expect((await get("/live", { readBody: false })).status).toBe(503);
    for (let i = 0; i < 3; i++) await get("/chunked");
    expect(connections.count).toBe(before);
  });

  it("does not reuse a connection the server closes, and retries once on a stale one", async () => {
    expect((await get("/close")).body.toString()).toBe("bye");
    await get("/json");
    server.closeIdleConnections();
    await new Promise((r) => setTimeout(r, 20));
    expect((await get("/json")).status).toBe(200);
  });

  it("says so when the connection is refused", async () => {
    const closed: TcpServer = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(
      lightGet(`http://127.0.0.1:${port}/`, {
        timeoutMs: 500,
        policy: LOOPBACK,
        readBody: false,
        maxBytes: 10,
      }),
    ).rejects.toMatchObject({ reason: "network", message: "connection refused" });
  });
});

describe("readBody framing", () => {
  const head = { length: null, chunked: true, noBody: false, keepAlive: true, collect: true, maxBytes: 100 };

  it("decodes chunks split anywhere, with extensions and trailers", () => {
    const wire = Buffer.from("3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: 1\r\n\r\n");
    for (let cut = 1; cut < wire.length; cut++) {
      const r = readBody(head);
      expect(r.take(wire.subarray(0, cut))).toBe("more");
      expect(r.take(wire.subarray(cut))).toBe("done");
      expect(r.body().toString()).toBe("abcdefg");
      expect(r.reusable).toBe(true);
    }
  });

  it("refuses a malformed chunk size and caps the decoded size", () => {
    expect(readBody(head).take(Buffer.from("zz\r\n"))).toBe("invalid");
    expect(readBody({ ...head, maxBytes: 3 }).take(Buffer.from("4\r\nabcd\r\n0\r\n\r\n"))).toBe("too-large");
  });

  it("skips a body it does not read, and gives up on one without framing", () => {
    const skip = readBody({ ...head, chunked: false, length: 4, collect: false });
    expect(skip.take(Buffer.from("OK\r\n"))).toBe("done");
    expect(skip.body().length).toBe(0);
    const unframed = readBody({ ...head, chunked: false, collect: false });
    expect(unframed.take(Buffer.from("OK"))).toBe("skipped");
    expect(unframed.reusable).toBe(false);
  });
});
