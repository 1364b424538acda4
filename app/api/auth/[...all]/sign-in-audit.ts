import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/permissions";
import { sessionFromHeaders } from "@/lib/auth/session";

type Meta = { ip: string | null; userAgent: string | null };

function metaOf(request: Request): Meta {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || request.headers.get("x-real-ip"), userAgent: request.headers.get("user-agent") };
}

/** After the auth endpoints answered: a response that starts a session is a sign-in (OIDC
 * callback or break-glass); it is audited. Never turns a sign-in into a failure. */
export async function auditSignIn(request: Request, response: Response): Promise<void> {
  const token = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^(__Secure-)?firebreak\.session_token=./.test(c));
  if (!token) return;
  try {
    const { actor } = await sessionFromHeaders(new Headers({ cookie: token }));
    if (!actor) return;
    if (actor.via === "break-glass") await onBreakGlassSignIn(actor, metaOf(request));
    else
      await recordAudit({
        actor,
        action: "auth.sign_in",
        target: `user ${actor.email ?? actor.name}`,
        ...metaOf(request),
      });
  } catch (e) {
    console.error("[auth] could not record the sign-in", e);
  }
}

/** Before sign-out ends the session: who is leaving. */
export async function auditSignOut(request: Request): Promise<void> {
  try {
    const { actor } = await sessionFromHeaders(request.headers);
    if (actor)
      await recordAudit({
        actor,
        action: "auth.sign_out",
        target: `user ${actor.email ?? actor.name}`,
        ...metaOf(request),
      });
  } catch (e) {
    console.error("[auth] could not record the sign-out", e);
  }
}

/** A break-glass sign-in: a structured log line an operator can alert on, and an audit row.
 * The console shows a banner for the whole session (app/(console)/layout.tsx). */
export async function onBreakGlassSignIn(actor: Actor, meta: Meta): Promise<void> {
  console.log(
    JSON.stringify({
      level: "warn",
      event: "auth.break_glass_sign_in",
      actorId: actor.id,
      at: new Date().toISOString(),
      ...meta,
    }),
  );
  await recordAudit({
    actor,
    action: "auth.break_glass_sign_in",
    target: `user ${actor.email ?? actor.name}`,
    message: "Signed in with a break-glass account (identity provider bypassed)",
    ...meta,
  });
}
