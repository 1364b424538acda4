"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a scan is queued or running, re-reads the page every 2 s (progress lives in Postgres). */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
