import { BlockList, isIP } from "node:net";

/**
 * Which addresses a server-side fetch of a configured URL may connect to.
 *
 * - Link-local and cloud metadata addresses are refused always: a metrics URL pointing at
 *   169.254.169.254 would otherwise read the host's cloud credentials. No allowlist opens them.
 * - Private, loopback and shared ranges are refused unless an allowlisted CIDR covers them
 *   (`OUTBOUND_ALLOW_CIDRS`, e.g. `10.0.0.0/8` for in-cluster services, `127.0.0.0/8` for the
 *   local doubles of the dev and test stacks).
 * IPv4-mapped IPv6 (`::ffff:169.254.169.254`) is checked as the IPv4 address it is.
 */
export type AddressVerdict = { ok: true } | { ok: false; kind: "never" | "private" | "invalid" };

export type OutboundPolicy = { allow: BlockList };

type Range = readonly [address: string, prefix: number, family: "ipv4" | "ipv6"];

const NEVER: readonly Range[] = [
  ["0.0.0.0", 8, "ipv4"], // "this network": connects to the local host on Linux
  ["169.254.0.0", 16, "ipv4"], // link-local; AWS/GCP/Azure/OpenStack metadata at 169.254.169.254
  ["100.100.100.200", 32, "ipv4"], // Alibaba Cloud metadata
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, broadcast
  ["::", 128, "ipv6"], // unspecified
  ["fe80::", 10, "ipv6"], // link-local
  ["fd00:ec2::254", 128, "ipv6"], // AWS metadata over IPv6
  ["ff00::", 8, "ipv6"], // multicast
];

const PRIVATE: readonly Range[] = [
  ["10.0.0.0", 8, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT / shared address space
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"], // unique local
  ["64:ff9b::", 96, "ipv6"], // NAT64: reaches IPv4 addresses through a translator
];

function blockListOf(ranges: readonly Range[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
}

const never = blockListOf(NEVER);
const privateRanges = blockListOf(PRIVATE);

/** Parses "10.0.0.0/8, 127.0.0.0/8, fd12::/16" (a bare address means one host). Throws on a
 * malformed entry, naming it, so a typo in configuration fails at start instead of silently
 * refusing everything. */
export function parseCidrList(text: string | undefined): OutboundPolicy {
  const allow = new BlockList();
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefixText] = entry.split("/");
    const version = isIP(address);
    const max = version === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!version || !Number.isInteger(prefix) || prefix < 0 || prefix > max || prefixText === "") {
      throw new Error(`"${entry}" is not a CIDR range (expected e.g. 10.0.0.0/8 or fd00::/8)`);
    }
    allow.addSubnet(address, prefix, version === 6 ? "ipv6" : "ipv4");
  }
  return { allow };
}

/** Strips the brackets URL.hostname keeps around IPv6 literals. */
export function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

export function checkAddress(address: string, policy: OutboundPolicy): AddressVerdict {
  const version = isIP(address);
  if (!version) return { ok: false, kind: "invalid" };
  const family = version === 6 ? "ipv6" : "ipv4";
  if (never.check(address, family)) return { ok: false, kind: "never" };
  if (privateRanges.check(address, family) && !policy.allow.check(address, family)) {
    return { ok: false, kind: "private" };
  }
  return { ok: true };
}
