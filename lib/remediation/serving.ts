import type { Cluster, EndpointAddressView, ObjectRef, PodView } from "@/lib/kube/cluster";
import { describeSelector } from "@/lib/kube/label-selector";

/** Which pods a selector would route traffic to, and how many of them are Ready: the
 * pre-flight of every selector-changing action (runbook 001 "Emergency rollback"). */
export type ServingPreview = {
  selector: Record<string, string>;
  pods: Array<{ name: string; ready: boolean }>;
  ready: number;
};

export function summarizeServing(selector: Record<string, string>, pods: PodView[]): ServingPreview {
  const list = pods
    .map((p) => ({ name: p.name, ready: p.ready }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { selector, pods: list, ready: list.filter((p) => p.ready).length };
}

/** "3 ready pods will serve after the switch" (the dry-run line of the dialog). */
export function describeServing(s: ServingPreview): string {
  const n = s.ready;
  const notReady = s.pods.length - n;
  return `${n} ready pod${n === 1 ? "" : "s"} will serve after the switch${
    notReady > 0 ? ` (${notReady} not ready)` : ""
  }`;
}

export type Refusal = { code: "missing_label" | "label_present" | "no_ready_pods"; message: string };

/** A switch that would leave the Service with zero ready endpoints cuts all traffic: it is
 * refused, never sent. A missing label is refused too unless the add-label variant was chosen. */
export function selectorSwitchRefusal(args: {
  service: string;
  label: string;
  stableValue: string;
  before: Record<string, string>;
  addsLabel: boolean;
  addLabelChosen: boolean;
  serving: ServingPreview;
}): Refusal | null {
  const { service, label, stableValue, before, serving } = args;
  const target = describeSelector({ matchLabels: serving.selector });
  if (args.addsLabel && !args.addLabelChosen) {
    return {
      code: "missing_label",
      message:
        `The selector of Service ${service} (${describeSelector({ matchLabels: before })}) has no "${label}" label, ` +
        `so there is nothing to switch back: the rollback would add ${label}=${stableValue}. Nothing was sent. ` +
        `Check which pods that would select, then use "Add ${label} to the selector".`,
    };
  }
  if (!args.addsLabel && args.addLabelChosen) {
    return {
      code: "label_present",
      message: `The selector of Service ${service} already has "${label}"; use the emergency rollback instead.`,
    };
  }
  if (serving.ready === 0) {
    return {
      code: "no_ready_pods",
      message:
        serving.pods.length === 0
          ? `No pod matches ${target}: the switch would leave Service ${service} with zero endpoints and cut all traffic. Nothing was sent.`
          : `None of the ${serving.pods.length} pods matching ${target} is Ready: the switch would leave Service ${service} with zero ready endpoints and cut all traffic. Nothing was sent.`,
    };
  }
  return null;
}

/** Ready endpoint addresses (pure). */
export function countReadyEndpoints(endpoints: EndpointAddressView[]): number {
  return endpoints.filter((e) => e.ready).length;
}

/** How many ready endpoints the Service has right now: zero after a switch means traffic is
 * cut, so verification can fail in seconds instead of waiting for its timeout. */
export async function readyEndpointCount(
  cluster: Cluster,
  service: ObjectRef,
): Promise<{ ready: number; total: number }> {
  const endpoints = await cluster.getEndpoints(service);
  return { ready: countReadyEndpoints(endpoints), total: endpoints.length };
}
