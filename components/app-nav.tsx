"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { clsx } from "clsx";

const SECTIONS = [
  { href: "/incidents", label: "Incidents" },
  { href: "/dashboards", label: "Dashboards" },
  { href: "/alerts", label: "Alerts" },
  { href: "/playbooks", label: "Playbooks" },
  { href: "/scanner", label: "Scanner" },
  { href: "/actions", label: "Actions" },
  { href: "/deployments", label: "Deployments" },
  { href: "/optimizer", label: "Optimizer" },
  { href: "/reports", label: "Reports" },
] as const;

/** Shown to admins only (the pages refuse everyone else on the server anyway). */
const ADMIN_SECTIONS = [
  { href: "/users", label: "Users" },
  { href: "/settings/notifications", label: "Notifications" },
] as const;

export function AppNav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const sections = isAdmin ? [...SECTIONS, ...ADMIN_SECTIONS] : SECTIONS;
  return (
    <nav aria-label="Sections" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-0">
      {sections.map((s) => {
        const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "rounded px-3 py-2 text-sm whitespace-nowrap",
              active
                ? "bg-zinc-200 font-medium dark:bg-zinc-800"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900",
            )}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
