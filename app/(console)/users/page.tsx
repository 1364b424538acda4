import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { BreakGlassCreateForm, RevokeButton, RoleOverrideSelect } from "./user-controls";

export const metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await getActor();
  if (!can(actor, "admin")) {
    return <p role="alert">Needs the admin role.</p>;
  }
  const users = await listUsers();
  const env = getEnv();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Users</h1>
      <p className="text-sm text-zinc-500">
        Roles come from the identity provider&apos;s groups claim through FIREBREAK_ROLE_MAP
        {env.FIREBREAK_ROLE_MAP ? ` (${env.FIREBREAK_ROLE_MAP})` : " (empty)"}; an override here wins.
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b">
            <th className="py-1">Person</th>
            <th>Groups</th>
            <th>Roles</th>
            <th>Override</th>
            <th>Sessions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-zinc-200 dark:border-zinc-800">
              <td className="py-1">
                {u.name} <span className="text-zinc-500">{u.email}</span>
                {u.breakGlass && (
                  <span className="ml-1 rounded bg-amber-500 px-1 text-xs text-black">break-glass</span>
                )}
              </td>
              <td>{u.groups.join(", ") || "—"}</td>
              <td>{u.roles.join(", ") || "none"}</td>
              <td>
                <RoleOverrideSelect userId={u.id} name={u.name} value={u.roleOverride ?? ""} />
              </td>
              <td>
                {u.activeSessions} {u.activeSessions > 0 && <RevokeButton userId={u.id} name={u.name} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="space-y-2">
        <h2 className="font-medium">Break-glass account</h2>
        <BreakGlassCreateForm enabled={env.FIREBREAK_BREAK_GLASS === "enabled"} />
      </section>
    </div>
  );
}
