import type { AddressInfo } from "node:net";

import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createReceiverServer } from "./server";

const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const server = createReceiverServer();
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function signed(body: string, id = "msg_1"): Record<string, string> {
  const at = new Date();
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(SECRET).sign(id, at, body),
  };
}

describe("webhook receiver double", () => {
  it("answers from a path's script, then its default, and records every request", async () => {
    await fetch(`${url}/__double/paths/hook`, {
      method: "POST",
      body: JSON.stringify({ answers: [500, 500] }),
    });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${url}/hook`, { method: "POST", body: "{}" })).status);
    expect(statuses).toEqual([500, 500, 200]);
    const got = (await (await fetch(`${url}/__double/received`)).json()) as { count: number };
    expect(got.count).toBe(3);
  });

  it("verifies Standard Webhooks signatures and reports a tampered body as invalid", async () => {
    await fetch(`${url}/__double/received`, { method: "DELETE" });
    await fetch(`${url}/__double/paths/signed`, { method: "POST", body: JSON.stringify({ secret: SECRET }) });
    const body = JSON.stringify({ type: "incident.test" });
    await fetch(`${url}/signed`, { method: "POST", headers: signed(body), body });
    await fetch(`${url}/signed`, { method: "POST", headers: signed(body), body: `${body} ` });
    await fetch(`${url}/unsigned`, { method: "POST", body });
    const got = (await (await fetch(`${url}/__double/received`)).json()) as {
      requests: Array<{ path: string; signature: string }>;
    };
    expect(got.requests.map((r) => [r.path, r.signature.split(":")[0]])).toEqual([
      ["/signed", "valid"],
      ["/signed", "invalid"],
      ["/unsigned", "unsigned"],
    ]);
  });
});
