import { describe, expect, it } from "vitest";

import { channelsFor, maskUrl } from "./rules";
import type { ChannelRef, IncidentSnapshot, NotifyEvent } from "./types";

const ch = (id: number, audience: ChannelRef["audience"], enabled = true): ChannelRef => ({
  id,
  name: `c${id}`,
  kind: "slack",
  audience,
  enabled,
});
const CHANNELS = [ch(1, "stakeholders"), ch(2, "technical"), ch(3, "security"), ch(4, "technical", false)];
const incident = (severity: IncidentSnapshot["severity"]): IncidentSnapshot => ({
  id: 7,
  title: "latency",
  severity,
  status: "declared",
  service: "api-optimizer",
  commander: "Cora",
});
const ids = (event: NotifyEvent, announced: number[] = []) =>
  channelsFor(event, CHANNELS, announced).map((c) => c.id);

describe("notification rules", () => {
  it("sends a SEV-0 declaration to every stakeholder channel, not the security team's", () => {
    expect(ids({ type: "declared", incident: incident("SEV0"), actor: "a" })).toEqual([1, 2]);
  });

  it("sends a SEV-1 declaration to the technical stakeholders only", () => {
    expect(ids({ type: "declared", incident: incident("SEV1"), actor: "a" })).toEqual([2]);
  });

  it("sends nothing for SEV-2 and SEV-3 declarations", () => {
    expect(ids({ type: "declared", incident: incident("SEV2"), actor: "a" })).toEqual([]);
    expect(ids({ type: "declared", incident: incident("SEV3"), actor: "a" })).toEqual([]);
  });

  it("sends containment to the security team's channels", () => {
    expect(ids({ type: "containment", incident: incident("SEV1"), actor: "a", detail: "x" })).toEqual([3]);
  });

  it("sends a status change to the channels the incident was announced on, never to a disabled one", () => {
    const status: NotifyEvent = {
      type: "status",
      incident: incident("SEV1"),
      actor: "a",
      from: "investigating",
      to: "resolved",
      reason: null,
    };
    expect(ids(status, [2, 3, 4])).toEqual([2]);
    expect(ids(status, [])).toEqual([]);
  });

  it("masks a secret URL down to its scheme and host", () => {
    expect(maskUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("https://hooks.slack.com/…");
    expect(maskUrl("http://127.0.0.1:8080/hook?token=abc")).toBe("http://127.0.0.1:8080/…");
    expect(maskUrl("not a url")).toBe("…");
  });
});
