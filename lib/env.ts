import { z } from "zod";

/** The only reader of process.env in app code. Parsed lazily so
 * `next build` can import modules without a database or cluster configured.
 * Every variable is documented in .env.example. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).optional(),
  // Kubernetes: kubeconfig path and context; in-cluster service account otherwise.
  KUBECONFIG: z.string().min(1).optional(),
  KUBE_CONTEXT: z.string().min(1).optional(),
  KUBE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Set by Kubernetes inside a pod: use the in-cluster service account when no KUBECONFIG. */
  KUBERNETES_SERVICE_HOST: z.string().min(1).optional(),
  /** Act as the signed-in person (Impersonate-User/-Group); false: as Firebreak's own account. */
  KUBE_IMPERSONATE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Impersonated user name: the person's email (else their stable id), or always the id. */
  KUBE_IMPERSONATE_USER: z.enum(["email", "id"]).default("email"),
  /** Impersonated group: this prefix + the person's highest Firebreak role. */
  KUBE_IMPERSONATE_GROUP_PREFIX: z.string().default("firebreak:"),
  /** Where services may point: namespaces ("payments") or context/namespace ("prod/payments");
   * "*" = any namespace except Kubernetes' own (kube-*), which must be listed by name. */
  KUBE_ALLOWED_NAMESPACES: z.string().default("*"),
  /** kubeconfig contexts services may use ("*" = any). */
  KUBE_ALLOWED_CONTEXTS: z.string().default("*"),
  /** Approval policy overrides, e.g. "containment=commander,restart=two-person". */
  APPROVAL_POLICIES: z.string().optional(),
  /** How long to watch a rollback before recording "not verified — escalate", and how often. */
  ACTION_VERIFY_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  ACTION_VERIFY_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  /** Scales the deployment watch's one-minute check interval (runbook 001 · Deployment
   * Procedures: 10 checks, `sleep 60`); tests use a small factor. */
  DEPLOY_WATCH_INTERVAL_SCALE: z.coerce.number().positive().default(1),
  /** A watched rollout that fails a check: `rollout undo` runs by itself ("true") or is offered
   * to a person (the default). */
  DEPLOY_ROLLOUT_AUTO_UNDO: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // Metrics.
  FIREBREAK_SERVICES_FILE: z.string().min(1).optional(),
  COLLECTOR_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Scales the runbook's poll intervals (30 s / 1 min / 5 min); tests use a small factor. */
  COLLECTOR_INTERVAL_SCALE: z.coerce.number().positive().default(1),
  COLLECTOR_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  METRICS_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** SEV hysteresis: raise after N breaching samples, clear after M clean ones. */
  SEV_RAISE_AFTER: z.coerce.number().int().positive().default(2),
  SEV_CLEAR_AFTER: z.coerce.number().int().positive().default(4),
  // Background jobs (lib/jobs): whether this process works jobs, how often pg-boss's maintenance
  // (expiring jobs of dead workers, archiving) runs, and the heartbeat/lock timeouts.
  JOBS_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().positive().default(10),
  /** The collector leader's heartbeat query timeout: a half-open connection loses the lock. */
  COLLECTOR_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  // Scanner.
  APIHUNTER_BIN: z.string().min(1).optional(),
  /** Where scans run: "process" (APIHUNTER_BIN on this machine) or "kubernetes" (a batch/v1 Job
   * per scan in SCANNER_JOB_NAMESPACE, image SCANNER_JOB_IMAGE, through KUBECONFIG/KUBE_CONTEXT). */
  SCANNER_RUNNER: z.enum(["process", "kubernetes"]).default("process"),
  SCANNER_JOB_NAMESPACE: z.string().min(1).optional(),
  SCANNER_JOB_IMAGE: z.string().min(1).optional(),
  /** The Job container's command; empty: the image's entrypoint. */
  SCANNER_JOB_COMMAND: z.string().default("apihunter"),
  SCANNER_JOB_SERVICE_ACCOUNT: z.string().min(1).optional(),
  /** A running scan whose process shows no sign of life for this long is recorded as failed. */
  SCANNER_WATCHDOG_SECONDS: z.coerce.number().positive().default(60),
  // Alerts in and out: Alertmanager's webhook into Firebreak (bearer token and/or HMAC of the
  // body), Alertmanager's API for silences, Prometheus's admin API for TSDB snapshots.
  ALERT_WEBHOOK_TOKEN: z.string().min(16, "ALERT_WEBHOOK_TOKEN must be at least 16 characters").optional(),
  ALERT_WEBHOOK_HMAC_SECRET: z.string().min(16).optional(),
  ALERTMANAGER_URL: z.url().optional(),
  /** Bearer token Prometheus sends to scrape GET /metrics; unset = /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  PROMETHEUS_URL: z.url().optional(),
  // Sign-in (OpenID Connect: authorization code + PKCE) and sessions.
  FIREBREAK_OIDC_ISSUER: z.string().url().optional(),
  FIREBREAK_OIDC_CLIENT_ID: z.string().min(1).optional(),
  FIREBREAK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Seals secrets at rest (Secret backups, notification webhook URLs and signing secrets) with
   * AES-256-GCM: 32 bytes as base64 or 64 hex digits; required in production (lib/crypto). */
  FIREBREAK_SECRET_KEY: z.string().min(1).optional(),
  /** Signs session cookies; at least 32 characters; required in production. */
  FIREBREAK_AUTH_SECRET: z.string().min(32).optional(),
  /** The console's public URL (the OIDC redirect URI is built on it); required in production.
   * In development sign-in follows the address the browser used (lib/auth/base-url.ts). */
  FIREBREAK_URL: z.string().url().optional(),
  /** Development: more host names the dev server and sign-in accept (comma-separated). */
  FIREBREAK_DEV_ORIGINS: z.string().default(""),
  /** The port `next dev`/`next start` listen on (development sign-in's fallback address). */
  PORT: z.coerce.number().int().positive().optional(),
  /** groups claim -> role, e.g. "firebreak-admins:admin,oncall:responder". */
  FIREBREAK_ROLE_MAP: z.string().default(""),
  /** Role of a signed-in person whose groups map to none: "none" (no access) or a role. */
  FIREBREAK_DEFAULT_ROLE: z.enum(["none", "viewer", "responder", "commander", "admin"]).default("none"),
  /** Session lifetime (an on-call shift), renewed while the person is active. */
  FIREBREAK_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** How long a process may reuse a session lookup (0-30 s; 0 = every request asks PostgreSQL).
   * Sign-out, revocation and role changes apply at once in the process that made them; other
   * processes see them within this many seconds (lib/auth/session-cache.ts). */
  FIREBREAK_SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(30).default(5),
  /** Local break-glass accounts may sign in (when the identity provider is down). */
  FIREBREAK_BREAK_GLASS: z.enum(["enabled", "disabled"]).default("disabled"),
  /** The only directory "ingest by path" reads reports from; unset = ingest by path is off. */
  SCANNER_REPORT_DIR: z.string().min(1).optional(),
  // Outbound HTTP (lib/net): private/loopback CIDRs that configured URLs may reach, e.g.
  // "10.0.0.0/8,127.0.0.0/8". Link-local and metadata addresses are refused whatever this says.
  OUTBOUND_ALLOW_CIDRS: z.string().default(""),
  OUTBOUND_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  // Notifications (lib/notifications): attempts after the first, the first retry's delay (doubled
  // each time, with jitter) and each attempt's timeout.
  NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().positive().default(10),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= envSchema.parse(process.env);
  return cached;
}
