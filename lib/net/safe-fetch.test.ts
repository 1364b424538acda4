import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseCidrList } from "./address-policy";
import type { Resolver } from "./resolve-target";
import { parseJsonBody, safeFetch } from "./safe-fetch";

const LOOPBACK = parseCidrList("127.0.0.0/8");
const PUBLIC_ONLY = parseCidrList("");
const SECRET = "AKIA-SECRET-METADATA-TOKEN";

type Route = (res: ServerResponse, seen: { closedEarly: boolean }) => void;
const routes: Record<string, Route> = {
  "/json": (res) => res.end(JSON.stringify({ ok: true })),
  "/html": (res) => res.end(`<html>${SECRET}</html>`),
  "/redirect-private": (res) => {
    res.writeHead(302, { location: "http://10.0.0.1/latest/meta-data/" });
    res.end();
  },
  "/redirect-metadata": (res) => {
    res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
    res.end();
  },
  "/huge": (res, seen) => {
    // 10 MB streamed in 64 KB chunks, no Content-Length: the cap must stop reading mid-stream.
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < 10 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => (seen.closedEarly = sent < 10 * 1024 * 1024 || !res.writableFinished));
    pump();
  },
  "/declared-huge": (res) => {
    res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
    res.write("x");
  },
  "/slow": () => {},
};

let server: Server;
let base: string;
const seen = { closedEarly: false };

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? ""];
    if (route) route(res, seen);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const get = (url: string, extra: Partial<Parameters<typeof safeFetch>[1]> = {}) =>
  safeFetch(url, { timeoutMs: 2_000, policy: LOOPBACK, ...extra });

describe("safeFetch: addresses", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://2852039166/latest/meta-data/", // 169.254.169.254 as one decimal number
    "http://[::ffff:169.254.169.254]/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://[fe80::1]/",
  ])("refuses the metadata/link-local address %s even when every private range is allowed", async (url) => {
    const policy = parseCidrList("0.0.0.0/0,::/0");
    await expect(get(url, { policy })).rejects.toMatchObject({
      reason: "refused-address",
      message: expect.stringMatching(/link-local or cloud metadata/),
    });
  });

  it("refuses a host name that resolves to the metadata address, before connecting", async () => {
    const resolve: Resolver = async () => [{ address: "169.254.169.254", family: 4 }];
    await expect(
      get("http://metadata.google.internal/computeMetadata/v1/", { resolve }),
    ).rejects.toMatchObject({
      reason: "refused-address",
      message: expect.stringMatching(/^metadata\.google\.internal is a link-local/),
    });
  });

  it("refuses loopback and private ranges unless allowlisted", async () => {
    await expect(get(`${base}/json`, { policy: PUBLIC_ONLY })).rejects.toMatchObject({
      reason: "refused-address",
      message: expect.stringMatching(/private or loopback address; allow its range in OUTBOUND_ALLOW_CIDRS/),
    });
    await expect(get("http://10.1.2.3/", { policy: PUBLIC_ONLY })).rejects.toMatchObject({
      reason: "refused-address",
    });
    const res = await get(`${base}/json`);
    expect(parseJsonBody(res)).toEqual({ ok: true });
  });

  it("connects to the address it checked, not to a second DNS answer", async () => {
    let calls = 0;
    const resolve: Resolver = async () => {
      calls++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const port = new URL(base).port;
    const res = await get(`http://rebind.example:${port}/json`, { resolve });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
  });
});

describe("safeFetch: redirects, size, body, time", () => {
  it.each(["/redirect-private", "/redirect-metadata"])(
    "refuses the redirect %s without following it",
    async (path) => {
      await expect(get(`${base}${path}`)).rejects.toMatchObject({
        reason: "redirect",
        message: expect.stringMatching(/^answered 30\d: redirect refused$/),
      });
    },
  );

  it("aborts a 10 MB body at the 1 MB cap with an error", async () => {
    seen.closedEarly = false;
    await expect(get(`${base}/huge`)).rejects.toMatchObject({
      reason: "too-large",
      message: "answered 200 with a body larger than 1 MB; stopped reading",
    });
    await expect.poll(() => seen.closedEarly).toBe(true);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    await expect(get(`${base}/declared-huge`, { maxBytes: 1024 })).rejects.toMatchObject({
      reason: "too-large",
    });
  });

  it("reads only the status when the body is not wanted, however large it is", async () => {
    const res = await get(`${base}/declared-huge`, { discardBody: true, maxBytes: 1024 });
    expect(res.status).toBe(200);
  });

  it("never quotes a body that is not JSON", async () => {
    const res = await get(`${base}/html`);
    let message = "";
    try {
      parseJsonBody(res);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe("answered 200 with a body that is not JSON");
    expect(message).not.toContain(SECRET);
  });

  it("times out a server that never answers", async () => {
    await expect(get(`${base}/slow`, { timeoutMs: 200 })).rejects.toMatchObject({
      reason: "timeout",
      message: "timed out after 200 ms",
    });
  });

  it("says 'connection refused' without the address or port", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await get(`http://127.0.0.1:${port}/`).catch((e: Error) => e);
    expect(error).toMatchObject({ reason: "network", message: "connection refused" });
  });
});
