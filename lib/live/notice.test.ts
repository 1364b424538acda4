import { describe, expect, it } from "vitest";

import { parseAuthNotice, parseNotice, reconnectDelayMs, sseComment, sseMessage } from "./notice";

describe("live notices", () => {
  it("reads what the triggers write", () => {
    expect(parseNotice('{"i":7,"t":"timeline","e":42,"k":"note"}')).toEqual({
      incidentId: 7,
      topic: "timeline",
      rowId: 42,
      kind: "note",
    });
    expect(parseNotice('{"i":7,"t":"action","e":3,"k":null}')).toEqual({
      incidentId: 7,
      topic: "action",
      rowId: 3,
      kind: null,
    });
  });

  it("ignores anything else sent on the channel", () => {
    for (const payload of [
      undefined,
      "",
      "not json",
      '{"i":"7","t":"timeline","e":1}',
      '{"i":7,"t":"other","e":1}',
    ])
      expect(parseNotice(payload)).toBeNull();
    expect(parseNotice(`{"i":1,"t":"timeline","e":1,"k":"${"x".repeat(1_000)}"}`)).toBeNull();
  });
});

describe("reconnect backoff", () => {
  it("doubles from a quarter second up to 30 s, within 20 % jitter", () => {
    expect([0, 1, 2, 3].map((a) => reconnectDelayMs(a, () => 0.5))).toEqual([250, 500, 1_000, 2_000]);
    expect(reconnectDelayMs(50, () => 0.5)).toBe(30_000);
    expect(reconnectDelayMs(0, () => 0)).toBe(200);
    expect(reconnectDelayMs(0, () => 1)).toBe(300);
  });
});

describe("Server-Sent Events framing", () => {
  it("writes id, event and one JSON data line, ended by a blank line", () => {
    expect(sseMessage({ id: "timeline-4", event: "change", data: { a: "x\ny" } })).toBe(
      'id: timeline-4\nevent: change\ndata: {"a":"x\\ny"}\n\n',
    );
  });

  it("cannot be split into extra fields by a newline in an id, event or comment", () => {
    expect(sseMessage({ id: "a\nevent: x", data: 1 })).toBe("id: aevent: x\ndata: 1\n\n");
    expect(sseComment("hi\ndata: x")).toBe(": hi data: x\n\n");
  });
});

describe("session notices", () => {
  it("name the person the auth triggers wrote", () => {
    expect(parseAuthNotice('{"u":"oidc|u-commander"}')).toBe("oidc|u-commander");
  });

  it("ignore anything else on the channel", () => {
    for (const p of [
      undefined,
      "",
      "not json",
      '{"u":""}',
      '{"u":7}',
      '{"x":"a"}',
      `{"u":"${"a".repeat(1_001)}"}`,
    ]) {
      expect(parseAuthNotice(p)).toBeNull();
    }
  });
});
