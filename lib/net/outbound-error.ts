/** Why an outbound request failed. Messages name the URL's host as configured and what went
 * wrong; they never carry the answer's body, a resolved address or an internal port. */
export type OutboundReason =
  "invalid-url" | "refused-address" | "redirect" | "too-large" | "timeout" | "network" | "not-json";

export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundReason,
    message: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found (DNS did not answer)",
  EPROTO: "TLS handshake failed",
};

/** A socket/TLS/parser error as a short text without addresses or ports
 * (`connect ECONNREFUSED 10.1.2.3:9090` → "connection refused"). */
export function networkErrorText(e: unknown): string {
  const code = String((e as { code?: unknown })?.code ?? "");
  if (NETWORK_TEXT[code]) return NETWORK_TEXT[code];
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code))
    return `TLS certificate not accepted (${code})`;
  if (code.startsWith("HPE_")) return "the answer is not valid HTTP";
  return code ? `request failed (${code})` : "request failed";
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
