import "server-only";
import { headers } from "next/headers";

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** The caller's IP and user agent from the current request's headers; nulls outside a request
 * (jobs, tests, the collector). The first X-Forwarded-For hop is the client behind a proxy. */
export async function requestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return {
      ip: (forwarded || h.get("x-real-ip")?.trim() || null)?.slice(0, 100) ?? null,
      userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
    };
  } catch {
    return { ip: null, userAgent: null };
  }
}
