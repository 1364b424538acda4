/** Written authorization (runbook 000 · Preconditions), pure: the one in force at `now`, if any.
 * In force means recorded and not expired (expiry is exclusive: at expiresAt it has expired). */
export type AuthorizationRecord = { id: number; authorizedBy: string; documentUrl: string; expiresAt: Date };

export function authorizationInForce<T extends AuthorizationRecord>(
  records: readonly T[],
  now: Date,
): T | null {
  const valid = records.filter((r) => r.expiresAt.getTime() > now.getTime());
  return valid.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0] ?? null;
}
