import "server-only";

import type { Actor } from "@/lib/auth/permissions";

/** Work that follows every declaration, whoever declared: the form, the tracker's auto-declare,
 * the overview's signal, an alert. Modules that build on lib/incidents register it (the SEV's
 * playbook: lib/playbooks/on-declare.ts, imported by lib/boot), since lib/incidents cannot
 * import them. Kept on globalThis so every bundle of the server process sees one registry. */
export type DeclaredHook = (incidentId: number, actor: Actor) => Promise<void>;

const g = globalThis as unknown as { __firebreakDeclaredHooks?: Map<string, DeclaredHook> };
const hooks = () => (g.__firebreakDeclaredHooks ??= new Map());

/** Registers (or, under the same name, replaces) a hook. */
export function onIncidentDeclared(name: string, hook: DeclaredHook): void {
  hooks().set(name, hook);
}

/** Runs after the declaration committed; a failing hook is logged and never undoes it. */
export async function runDeclaredHooks(incidentId: number, actor: Actor): Promise<void> {
  for (const [name, hook] of hooks()) {
    try {
      await hook(incidentId, actor);
    } catch (e) {
      console.error(`[incidents] after declaring incident ${incidentId}: ${name} failed`, e);
    }
  }
}
