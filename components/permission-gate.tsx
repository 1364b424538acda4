"use client";

import type { Permission } from "@/lib/auth/permissions";
import { useActor } from "@/lib/auth/use-actor";

/**
 * Disables every control inside (a native disabled fieldset) when the signed-in person's role
 * does not allow `permission`, and says why. The server refuses the same request anyway; this
 * only keeps the UI honest.
 */
export function PermissionGate({
  permission,
  children,
  className,
}: {
  permission: Permission;
  children: React.ReactNode;
  className?: string;
}) {
  const { whyNot } = useActor();
  const reason = whyNot(permission);
  if (!reason) return <>{children}</>;
  return (
    <fieldset disabled title={reason} aria-describedby={`gate-${permission}`} className={className}>
      <p id={`gate-${permission}`} role="note" className="mb-2 text-sm text-amber-700 dark:text-amber-400">
        {reason}: you can see this but not change it.
      </p>
      {children}
    </fieldset>
  );
}
