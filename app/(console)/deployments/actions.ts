"use server";

import { revalidatePath } from "next/cache";

import { endWatch } from "@/lib/deployments/end";
import { startRolloutWatch } from "@/lib/deployments/rollouts";
import { endWatchSchema, startRolloutWatchSchema, startSwitchSchema } from "@/lib/deployments/schemas";
import { startSwitch } from "@/lib/deployments/switch";
import { defineAction, type ActionResult } from "@/lib/server-action";

export type DeployState = ActionResult<{ message: string }> | null;

/** Switching production traffic (and ending its watch) is a commander's call: the permission
 * of the other destructive cluster actions. */
const start = defineAction(
  { schema: startSwitchSchema, permission: "cluster:act:destructive", name: "deployment.switch" },
  async ({ service, mode }, { actor }) => {
    const watch = await startSwitch(service, mode, actor);
    return { message: `Traffic switched to ${watch.toValue}; watch #${watch.id} started.` };
  },
);

/** Watching a rollout sends nothing to the cluster, but its undo would: the same permission. */
const watchRollout = defineAction(
  { schema: startRolloutWatchSchema, permission: "cluster:act:destructive", name: "deployment.watchRollout" },
  async ({ service, revision }, { actor }) => {
    const watch = await startRolloutWatch(service, revision, actor);
    return { message: `Watch #${watch.id} started on ${watch.service} ${watch.toValue}.` };
  },
);

const end = defineAction(
  { schema: endWatchSchema, permission: "cluster:act:destructive", name: "deployment.endWatch" },
  async ({ watchId, how }, { actor }) => ({ message: await endWatch(watchId, how, actor) }),
);

export async function startSwitchFormAction(_prev: DeployState, formData: FormData): Promise<DeployState> {
  const result = await start(formData);
  revalidatePath("/deployments");
  return result;
}

export async function endWatchFormAction(_prev: DeployState, formData: FormData): Promise<DeployState> {
  const result = await end(formData);
  revalidatePath("/deployments");
  return result;
}

export async function startRolloutWatchFormAction(
  _prev: DeployState,
  formData: FormData,
): Promise<DeployState> {
  const result = await watchRollout(formData);
  revalidatePath("/deployments");
  return result;
}
