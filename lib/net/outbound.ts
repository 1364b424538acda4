import "server-only";

import { getEnv } from "@/lib/env";

import { parseCidrList, type OutboundPolicy } from "./address-policy";
import { OutboundError } from "./outbound-error";
import { resolveTarget } from "./resolve-target";
import { parseJsonBody, safeFetch, type OutboundRequest, type OutboundResponse } from "./safe-fetch";
import { lightGet } from "./light-get";

export { OutboundError } from "./outbound-error";
export type { OutboundResponse } from "./safe-fetch";

let cached: { text: string; policy: OutboundPolicy } | undefined;

/** The policy from configuration (OUTBOUND_ALLOW_CIDRS); a malformed range fails loudly. */
export function outboundPolicy(): OutboundPolicy {
  const text = getEnv().OUTBOUND_ALLOW_CIDRS;
  if (cached?.text !== text) cached = { text, policy: parseCidrList(text) };
  return cached.policy;
}

type Options = Omit<OutboundRequest, "policy" | "maxBytes">;

/** Every server-side fetch of a configured URL in Firebreak goes through here (lib/net). */
export function fetchOutbound(url: string, options: Options): Promise<OutboundResponse> {
  return safeFetch(url, {
    ...options,
    policy: outboundPolicy(),
    maxBytes: getEnv().OUTBOUND_MAX_BODY_BYTES,
  });
}

/** A status-only GET of a configured URL on a kept-alive connection (liveness probes every
 * few seconds): the same address policy and refusals, the body never read. */
export async function probeOutboundStatus(url: string, options: { timeoutMs: number }): Promise<number> {
  const res = await lightGet(url, {
    timeoutMs: options.timeoutMs,
    policy: outboundPolicy(),
    maxBytes: getEnv().OUTBOUND_MAX_BODY_BYTES,
    readBody: false,
  });
  return res.status;
}

/** GET with `Accept: application/json`; returns the status and the parsed body. A body that
 * is not JSON throws "answered N with a body that is not JSON" (never quoting it). A plain GET
 * (no other header, no cancel signal) goes on a kept-alive connection (lib/net/light-get.ts). */
export async function fetchOutboundJson(
  url: string,
  options: Omit<Options, "method" | "discardBody">,
): Promise<{ status: number; body: unknown }> {
  if (!options.headers && !options.signal && !options.body) {
    const res = await lightGet(url, {
      timeoutMs: options.timeoutMs,
      policy: outboundPolicy(),
      maxBytes: getEnv().OUTBOUND_MAX_BODY_BYTES,
      readBody: true,
      accept: "application/json",
      resolve: options.resolve,
    });
    return { status: res.status, body: parseJsonBody({ ...res, headers: {} }) };
  }
  const res = await fetchOutbound(url, {
    ...options,
    headers: { accept: "application/json", ...options.headers },
  });
  return { status: res.status, body: parseJsonBody(res) };
}

/**
 * Checks a URL before it is saved (a service's metrics base URL): refused when its host is, or
 * resolves to, an address the policy refuses. A host that does not resolve now is accepted
 * (the collector reports "host not found" until it does); it is checked again on every fetch.
 */
export async function checkOutboundUrl(url: string): Promise<string | null> {
  try {
    const deadline = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new OutboundError("network", "DNS timed out")), 3_000).unref(),
    );
    await Promise.race([resolveTarget(url, outboundPolicy()), deadline]);
    return null;
  } catch (e) {
    if (e instanceof OutboundError && e.reason !== "network") return e.message;
    return null;
  }
}
