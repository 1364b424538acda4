// Kubernetes `Status` error objects (metav1.Status), with the reasons the real API server uses.
import type { ResourceType } from "./resources";

const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; message: string; field?: string }>;
}

export interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string = REASONS[code] ?? "Unknown",
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export function reasonFor(code: number): string {
  return REASONS[code] ?? "Unknown";
}

/** "deployments.apps" / "services": how the API server names a resource in messages. */
export function qualifiedName(rt: ResourceType): string {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource;
}

export function notFound(rt: ResourceType, name: string): ApiError {
  return new ApiError(404, `${qualifiedName(rt)} "${name}" not found`, "NotFound", {
    name,
    group: rt.group,
    kind: rt.resource,
  });
}

export function alreadyExists(rt: ResourceType, name: string): ApiError {
  return new ApiError(409, `${qualifiedName(rt)} "${name}" already exists`, "AlreadyExists", {
    name,
    group: rt.group,
    kind: rt.resource,
  });
}

export function conflict(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    `Operation cannot be fulfilled on ${qualifiedName(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    "Conflict",
    { name, group: rt.group, kind: rt.resource },
  );
}

export function invalid(
  rt: ResourceType,
  name: string,
  causes: Array<{ field: string; message: string }>,
): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(", ");
  const kindName = rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
  return new ApiError(422, `${kindName} "${name}" is invalid: ${text}`, "Invalid", {
    name,
    group: rt.group,
    kind: rt.kind,
    causes: causes.map((c) => ({ reason: "FieldValueInvalid", message: c.message, field: c.field })),
  });
}

export function forbidden(
  rt: ResourceType,
  name: string | undefined,
  verb: string,
  namespace: string | undefined,
  user = "firebreak-double-user",
): ApiError {
  const target = name ? `${qualifiedName(rt)} "${name}"` : qualifiedName(rt);
  const scope = namespace ? ` in the namespace "${namespace}"` : " at the cluster scope";
  return new ApiError(
    403,
    `${target} is forbidden: User "${user}" cannot ${verb} resource "${rt.resource}" in API group "${rt.group}"${scope}`,
    "Forbidden",
    // The real API server omits an empty group (the core API) from details.
    { name, ...(rt.group ? { group: rt.group } : {}), kind: rt.resource },
  );
}

export function successStatus(rt: ResourceType, name: string, uid?: string) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name, group: rt.group, kind: rt.resource, uid },
  };
}
