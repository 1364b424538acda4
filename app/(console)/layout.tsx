import Link from "next/link";
import { redirect } from "next/navigation";

import { AppNav } from "@/components/app-nav";
import { ThemeToggle } from "@/components/theme-toggle";
import { BreakGlassBanner, UserMenu } from "@/components/user-menu";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { ActorProvider } from "@/lib/auth/use-actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // The proxy already sent visitors without a session to sign-in; this is the same rule for
  // anything that reaches a console page another way.
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (!can(actor, "incident:read")) redirect("/sign-in?error=no_role");
  return (
    <ActorProvider actor={actor}>
      {actor.via === "break-glass" && <BreakGlassBanner />}
      <div className="flex min-h-dvh flex-col md:flex-row">
        <aside className="border-b border-zinc-200 md:w-52 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800">
          <div className="flex items-center justify-between px-4 py-3 md:block">
            <Link href="/incidents" className="text-lg font-semibold tracking-tight">
              <span className="text-sev-0">▲</span> Firebreak
            </Link>
          </div>
          <AppNav isAdmin={can(actor, "admin")} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex flex-wrap items-center justify-end gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
            <UserMenu actor={actor} />
            <ThemeToggle />
          </header>
          <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
        </div>
      </div>
    </ActorProvider>
  );
}
