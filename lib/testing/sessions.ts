// Test helper: a person signed in through the auth library (a break-glass account, so no
// provider is needed), and what the session check and its per-process cache make of a cookie.

const PASSWORD = "correct horse battery";

/** Signs `email` in (creating the account with `role` the first time); returns the Cookie header. */
export async function signInBreakGlass(
  email: string,
  role: string,
  sql: { query: (text: string, values: unknown[]) => Promise<{ rows: Array<{ id?: string }> }> },
): Promise<{ userId: string; headers: Headers }> {
  const { createBreakGlassAccount } = await import("@/lib/auth/users");
  const { getAuth } = await import("@/lib/auth/auth");
  const exists = await sql.query(`SELECT id FROM auth_user WHERE email = $1`, [email]);
  const userId =
    exists.rows[0]?.id ??
    (await createBreakGlassAccount({ email, name: email, password: PASSWORD, role })).id;
  const res = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  const cookie = res.headers.getSetCookie().find((c) => c.includes("firebreak.session_token="));
  if (!cookie) throw new Error(`no session cookie (HTTP ${res.status})`);
  return { userId, headers: new Headers({ cookie: cookie.split(";")[0]! }) };
}

/** Who the session check says this request is (null: signed out). */
export async function actorOf(headers: Headers) {
  const { sessionFromHeaders } = await import("@/lib/auth/session");
  return (await sessionFromHeaders(headers)).actor;
}

/** Whether the next answer for this cookie would come from this process's memory. */
export async function isCached(headers: Headers): Promise<boolean> {
  const { sessionCache, sessionCookieValue } = await import("@/lib/auth/session-cache");
  return sessionCache().get(sessionCookieValue(headers.get("cookie"))!) !== undefined;
}
