import "server-only";
import * as k8s from "@kubernetes/client-node";

import type { KubeIdentity } from "./impersonation";

type RequestContext = Parameters<k8s.KubeConfig["applySecurityAuthentication"]>[0];

/** A KubeConfig whose every request (API clients and log streams alike, which all authenticate
 * through applySecurityAuthentication) also carries the impersonation headers. */
export class ImpersonatingKubeConfig extends k8s.KubeConfig {
  constructor(private readonly identity: KubeIdentity) {
    super();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    context.setHeaderParam("Impersonate-User", this.identity.user);
    const [group] = this.identity.groups;
    if (group) context.setHeaderParam("Impersonate-Group", group);
  }
}

export function kubeConfigFor(identity: KubeIdentity | null | undefined): k8s.KubeConfig {
  return identity ? new ImpersonatingKubeConfig(identity) : new k8s.KubeConfig();
}
