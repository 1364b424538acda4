import "server-only";

/** Changes other modules follow after they committed (a status change; a containment action
 * recorded by lib/remediation), like declared-hooks.ts for declarations: modules that build on
 * lib/incidents register here (notifications: lib/notifications/hooks.ts, imported by lib/boot).
 * Kept on globalThis so every bundle of the server process sees one registry. */
export type IncidentChange =
  | { type: "status"; incidentId: number; actor: string; from: string; to: string; reason: string | null }
  | { type: "containment"; incidentId: number; actor: string; detail: string };
export type ChangeHook = (change: IncidentChange) => Promise<void>;

const g = globalThis as unknown as { __firebreakChangeHooks?: Map<string, ChangeHook> };
const hooks = () => (g.__firebreakChangeHooks ??= new Map());

/** Registers (or, under the same name, replaces) a hook. */
export function onIncidentChanged(name: string, hook: ChangeHook): void {
  hooks().set(name, hook);
}

/** Runs after the change committed; a failing hook is logged and never undoes it. */
export async function runChangedHooks(change: IncidentChange): Promise<void> {
  for (const [name, hook] of hooks()) {
    try {
      await hook(change);
    } catch (e) {
      console.error(
        `[incidents] after a ${change.type} change of incident ${change.incidentId}: ${name} failed`,
        e,
      );
    }
  }
}
