"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { clsx } from "clsx";

const SECTIONS = [
  { href: "/incidents", label: "Incidents" },
  { href: "/dashboards", label: "Dashboards" },
  { href: "/playbooks", label: "Playbooks" },
  { href: "/scanner", label: "Scanner" },
  { href: "/actions", label: "Actions" },
] as const;

export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-0">
      {SECTIONS.map((s) => {
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
