import "server-only";

import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { isRole } from "./permissions";
import { actorOfUser } from "./session";
import { parseGroups } from "./role-map";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  groups: string[];
  roleOverride: string | null;
  roles: readonly string[];
  breakGlass: boolean;
  activeSessions: number;
};

type StoredUser = {
  id: string;
  name: string;
  email: string;
  externalId?: string | null;
  groups?: string | null;
  roleOverride?: string | null;
  breakGlass?: boolean | null;
};

/** Everyone who has signed in (or been created as break-glass), with their effective roles. */
export async function listUsers(): Promise<UserRow[]> {
  const ctx = await getAuth().$context;
  const users = (await ctx.internalAdapter.listUsers(500, 0, {
    field: "name",
    direction: "asc",
  })) as StoredUser[];
  const now = Date.now();
  return Promise.all(
    users.map(async (u) => {
      const sessions = await ctx.internalAdapter.listSessions(u.id);
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        groups: parseGroups(u.groups),
        roleOverride: u.roleOverride ?? null,
        roles: actorOfUser(u).roles,
        breakGlass: Boolean(u.breakGlass),
        activeSessions: sessions.filter((s) => new Date(s.expiresAt).getTime() > now).length,
      };
    }),
  );
}

/** An admin's per-person role: a role, "none" (no access), or null to follow the groups claim. */
export async function setRoleOverride(userId: string, override: string | null): Promise<void> {
  if (override !== null && override !== "none" && !isRole(override)) {
    throw new AppError("INVALID_INPUT", `Unknown role "${override}"`);
  }
  const ctx = await getAuth().$context;
  const user = await ctx.internalAdapter.findUserById(userId);
  if (!user) throw new AppError("NOT_FOUND", "No such person");
  await ctx.internalAdapter.updateUser(userId, { roleOverride: override });
}

/** Ends every session of a person at once (their cookies stop working on the next request). */
export async function revokeSessions(userId: string): Promise<void> {
  const ctx = await getAuth().$context;
  const user = await ctx.internalAdapter.findUserById(userId);
  if (!user) throw new AppError("NOT_FOUND", "No such person");
  await ctx.internalAdapter.deleteUserSessions(userId);
}

/** A local emergency account (password hashed by the auth library's scrypt). It can sign in
 * only while FIREBREAK_BREAK_GLASS=enabled. */
export async function createBreakGlassAccount(input: {
  email: string;
  name: string;
  password: string;
  role: string;
}): Promise<{ id: string }> {
  if (!isRole(input.role)) throw new AppError("INVALID_INPUT", `Unknown role "${input.role}"`);
  const ctx = await getAuth().$context;
  if (await ctx.internalAdapter.findUserByEmail(input.email)) {
    throw new AppError("CONFLICT", "Someone with this email already exists", { email: ["Already in use"] });
  }
  const user = await ctx.internalAdapter.createUser(
    {
      email: input.email.toLowerCase(),
      name: input.name,
      emailVerified: true,
      breakGlass: true,
      roleOverride: input.role,
      groups: "[]",
    },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await ctx.password.hash(input.password),
  });
  return { id: user.id };
}
