import Link from "next/link";

import { AppNav } from "@/components/app-nav";
import { ActorForm } from "@/components/actor-form";
import { ThemeToggle } from "@/components/theme-toggle";
import { getActor } from "@/lib/auth/actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="border-b border-zinc-200 md:w-52 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800">
        <div className="flex items-center justify-between px-4 py-3 md:block">
          <Link href="/incidents" className="text-lg font-semibold tracking-tight">
            <span className="text-sev-0">▲</span> Firebreak
          </Link>
        </div>
        <AppNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
          <ActorForm current={actor?.name ?? null} />
          <ThemeToggle />
        </header>
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
