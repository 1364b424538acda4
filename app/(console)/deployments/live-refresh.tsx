"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a watch runs, re-reads the page every second (each check is a row in Postgres). */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 1_000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
