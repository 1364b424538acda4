import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

import { checkAddress, unbracket, type OutboundPolicy } from "./address-policy";
import { networkErrorText, OutboundError } from "./outbound-error";

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Host name → every address it resolves to (tests pass their own to simulate DNS). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) => {
  const all = await lookup(host, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export type Target = { url: URL; host: string; addresses: ResolvedAddress[] };

/**
 * Parses the URL, resolves its host and checks every address against the policy. Any refused
 * address refuses the whole host (a name that resolves to a public and a metadata address is
 * refused), and the request later connects only to the addresses checked here, so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect it.
 */
export async function resolveTarget(
  rawUrl: string,
  policy: OutboundPolicy,
  resolve: Resolver = systemResolver,
): Promise<Target> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutboundError("invalid-url", "not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundError("invalid-url", "only http and https URLs are fetched");
  }
  const host = unbracket(url.hostname);
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      throw new OutboundError("network", `${host}: ${networkErrorText(e)}`);
    }
    if (addresses.length === 0) throw new OutboundError("network", `${host}: host not found`);
  }
  for (const { address } of addresses) {
    const verdict = checkAddress(address, policy);
    if (verdict.ok) continue;
    throw new OutboundError("refused-address", refusalText(host, verdict.kind));
  }
  return { url, host, addresses };
}

function refusalText(host: string, kind: "never" | "private" | "invalid"): string {
  if (kind === "never") {
    return `${host} is a link-local or cloud metadata address; Firebreak never fetches those`;
  }
  if (kind === "private") {
    return `${host} is a private or loopback address; allow its range in OUTBOUND_ALLOW_CIDRS to fetch it`;
  }
  return `${host} did not resolve to a usable address`;
}
