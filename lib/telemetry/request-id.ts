/** The header carrying a request's id from the proxy to route handlers and back to the caller. */
export const REQUEST_ID_HEADER = "x-request-id";

const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps an incoming id (from a load balancer or a caller) when it looks like one, else makes one. */
export function requestIdFor(incoming: string | null): string {
  return incoming && SANE.test(incoming) ? incoming : crypto.randomUUID();
}
