"use client";

import { useId } from "react";

import type { Permission } from "@/lib/auth/permissions";
import { useActor } from "@/lib/auth/use-actor";

/**
 * Disables every control inside (a native disabled fieldset) when the signed-in person's role
 * does not allow `permission`, and says why. The server refuses the same request anyway; this
 * only keeps the UI honest.
 *
 * - default: the reason as a note above the controls ("Needs the commander role: you can see
 *   this but not change it.").
 * - `compact`: a short reason beside inline controls (a row of buttons).
 * - `hide`: the short reason instead of the controls (or `fallback`, if given; null for nothing),
 *   for a link or button that leads only to a write form.
 */
export function PermissionGate({
  permission,
  children,
  className,
  compact = false,
  hide = false,
  fallback,
}: {
  permission: Permission;
  children: React.ReactNode;
  className?: string;
  compact?: boolean;
  hide?: boolean;
  fallback?: React.ReactNode;
}) {
  const { whyNot } = useActor();
  const id = useId();
  const reason = whyNot(permission);
  if (!reason) return <>{children}</>;
  const note =
    compact || hide ? (
      <span id={id} role="note" className="text-xs text-amber-700 dark:text-amber-400">
        {reason}
      </span>
    ) : (
      <p id={id} role="note" className="mb-2 text-sm text-amber-700 dark:text-amber-400">
        {reason}: you can see this but not change it.
      </p>
    );
  if (hide) return <>{fallback === undefined ? note : fallback}</>;
  return (
    <fieldset
      disabled
      title={reason}
      aria-describedby={id}
      // min-w-0: a fieldset is at least as wide as its content by default, which breaks narrow layouts.
      className={["min-w-0", compact ? "inline-flex flex-wrap items-center gap-2" : "", className ?? ""]
        .join(" ")
        .trim()}
    >
      {compact ? null : note}
      {children}
      {compact ? note : null}
    </fieldset>
  );
}

/** For a single control that cannot sit in a fieldset (a link, a row action): its disabled state
 * and the reason to show beside it or as its title. */
export function useGate(permission: Permission): { disabled: boolean; reason: string | undefined } {
  const reason = useActor().whyNot(permission);
  return { disabled: reason !== null, reason: reason ?? undefined };
}
