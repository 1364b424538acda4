// Impersonation and a small RBAC model. Requests carrying Impersonate-User (and optionally
// Impersonate-Group) are authorized as that user, as a real API server does after checking the
// caller's `impersonate` verb (the double's token holds it). Requests without those headers act
// as the token's user, who may do everything (unless /__double/ssar deny rules say otherwise).
import type { IncomingHttpHeaders } from "node:http";
import { readFileSync } from "node:fs";

import type { AccessAttributes } from "./control";
import { ApiError } from "./status";

export type Subject = { user: string; groups: string[] };

/** "*" matches anything; a resource may name a subresource ("deployments/scale"). */
export type RbacRule = { verbs: string[]; resources: string[]; namespaces: string[] };
export type RbacBinding = { users?: string[]; groups?: string[]; rules: RbacRule[] };

const READ = { verbs: ["get", "list", "watch"], resources: ["*"], namespaces: ["default"] };
const EVERYTHING = { verbs: ["*"], resources: ["*"], namespaces: ["*"] };

/** The OIDC double's demo people (by email and by Firebreak's role groups): viewer nothing;
 * responder reads `default` and patches services and deployments there (rollback, undo, restart,
 * scale) and writes NetworkPolicies (containment, which Firebreak holds for a commander's
 * approval and then runs as the requester); commander and admin everything. */
export const DEMO_RBAC: RbacBinding[] = [
  { users: ["viewer@firebreak.test"], groups: ["firebreak:viewer"], rules: [] },
  {
    users: ["responder@firebreak.test"],
    groups: ["firebreak:responder"],
    rules: [
      READ,
      {
        verbs: ["patch"],
        resources: ["services", "deployments", "deployments/scale"],
        namespaces: ["default"],
      },
      { verbs: ["create", "update"], resources: ["networkpolicies"], namespaces: ["default"] },
    ],
  },
  {
    users: ["commander@firebreak.test", "commander2@firebreak.test", "admin@firebreak.test"],
    groups: ["firebreak:commander", "firebreak:admin", "system:masters"],
    rules: [EVERYTHING],
  },
];

/** KUBE_DOUBLE_RBAC_FILE (JSON array of bindings) replaces the demo model. */
export function loadRbac(): RbacBinding[] {
  const file = process.env.KUBE_DOUBLE_RBAC_FILE;
  return file ? (JSON.parse(readFileSync(file, "utf8")) as RbacBinding[]) : DEMO_RBAC;
}

function headerValues(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => x !== "");
}

/** The impersonated subject, or null when the request acts as the token's own user. */
export function impersonatedSubject(headers: IncomingHttpHeaders): Subject | null {
  const [user] = headerValues(headers["impersonate-user"]);
  if (!user) return null;
  // Node joins repeated headers with ", "; kubectl sends one header per --as-group.
  const groups = headerValues(headers["impersonate-group"]).flatMap((g) => g.split(",").map((x) => x.trim()));
  return { user, groups: [...groups.filter(Boolean), "system:authenticated"] };
}

const matches = (list: string[], value: string) => list.includes("*") || list.includes(value);

export function rbacAllows(bindings: RbacBinding[], subject: Subject, attrs: AccessAttributes): boolean {
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return bindings.some(
    (b) =>
      ((b.users ?? []).includes(subject.user) || (b.groups ?? []).some((g) => subject.groups.includes(g))) &&
      b.rules.some(
        (r) =>
          matches(r.verbs, attrs.verb) &&
          matches(r.resources, resource) &&
          (attrs.namespace === undefined
            ? r.namespaces.includes("*")
            : matches(r.namespaces, attrs.namespace)),
      ),
  );
}

/** The SelfSubjectAccessReview answer for an impersonated subject, worded like the real RBAC
 * authorizer: allowed with a reason, or not allowed (no opinion) with an empty reason. */
export function reviewFor(bindings: RbacBinding[], subject: Subject, attrs: AccessAttributes) {
  return rbacAllows(bindings, subject, attrs)
    ? { allowed: true, reason: `RBAC: allowed for user "${subject.user}"` }
    : { allowed: false };
}

/** POST selfsubjectaccessreviews for an impersonated subject: RBAC (and /__double/ssar deny
 * rules) decide, so the answer matches what the real request would get. */
export function selfSubjectAccessReviewAs(
  bindings: RbacBinding[],
  control: { isDenied(attrs: AccessAttributes): boolean },
  subject: Subject,
  body: unknown,
): { status: number; body: unknown } {
  const spec = (body as { spec?: { resourceAttributes?: Record<string, string | undefined> } } | null)?.spec;
  const a = spec?.resourceAttributes;
  if (!a?.verb) {
    throw new ApiError(
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      "Invalid",
    );
  }
  const attrs: AccessAttributes = {
    verb: a.verb,
    group: a.group ?? "",
    resource: a.resource ?? "",
    subresource: a.subresource || undefined,
    namespace: a.namespace || undefined,
    name: a.name || undefined,
  };
  const status = control.isDenied(attrs)
    ? { allowed: false, denied: true, reason: "denied by the Kubernetes API double (POST /__double/ssar)" }
    : reviewFor(bindings, subject, attrs);
  return {
    status: 201,
    body: {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec,
      status,
    },
  };
}
