import { createHash, timingSafeEqual } from "node:crypto";

/** Whether an Authorization header carries `Bearer <expected>`; compared in constant time
 * (both sides hashed first, so neither the content nor the length leaks through timing). */
export function bearerMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const given = match?.[1] ?? "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length > 0;
}
