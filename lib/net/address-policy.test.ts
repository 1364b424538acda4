import { describe, expect, it } from "vitest";

import { checkAddress, parseCidrList } from "./address-policy";

describe("checkAddress", () => {
  const none = parseCidrList("");
  const loopback = parseCidrList("127.0.0.0/8, ::1");

  it("accepts public addresses with no allowlist", () => {
    expect(checkAddress("93.184.216.34", none)).toEqual({ ok: true });
    expect(checkAddress("2606:2800:220:1::1", none)).toEqual({ ok: true });
  });

  it.each(["169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "100.100.100.200", "0.0.0.0"])(
    "never accepts %s, whatever the allowlist",
    (address) => {
      expect(checkAddress(address, parseCidrList("0.0.0.0/0, ::/0"))).toEqual({ ok: false, kind: "never" });
    },
  );

  it.each(["10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "::1", "fd12::1", "::ffff:10.0.0.1"])(
    "refuses the private address %s unless allowlisted",
    (address) => {
      expect(checkAddress(address, none)).toEqual({ ok: false, kind: "private" });
    },
  );

  it("accepts an allowlisted private range, including its IPv4-mapped IPv6 form", () => {
    expect(checkAddress("127.0.0.1", loopback)).toEqual({ ok: true });
    expect(checkAddress("::ffff:127.0.0.1", loopback)).toEqual({ ok: true });
    expect(checkAddress("::1", loopback)).toEqual({ ok: true });
    expect(checkAddress("10.0.0.1", loopback)).toEqual({ ok: false, kind: "private" });
  });
});

describe("parseCidrList", () => {
  it.each(["10.0.0.0/33", "banana", "10.0.0.0/", "::1/129"])("refuses the malformed entry %s", (text) => {
    expect(() => parseCidrList(text)).toThrow(/is not a CIDR range/);
  });
});
