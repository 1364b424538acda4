import { hostname, networkInterfaces } from "node:os";

/** Host names a browser may open the development server from: localhost, 127.0.0.1, ::1, this
 * machine's name and every address it has (LAN, VPN), plus `extra` (FIREBREAK_DEV_ORIGINS,
 * comma-separated). IPv6 addresses are bracketed as they appear in a Host header. */
export function devHosts(extra = ""): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a ? [a.family === "IPv6" ? `[${a.address.split("%")[0]}]` : a.address] : []));
  const named = extra.split(",").map((h) => h.trim());
  return [
    ...new Set([
      "localhost",
      "127.0.0.1",
      "[::1]",
      hostname(),
      `${hostname()}.local`,
      ...addresses,
      ...named,
    ]),
  ].filter(Boolean);
}
