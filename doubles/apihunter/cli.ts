/**
 * ApiHunter 0.3.0's command line (src/cli.rs, as the wire contract lists it): the same flags,
 * the same defaults, and the same refusals — clap errors and validation failures exit 2 with
 * clap's message shape ("error: …", a usage line, "For more information, try '--help'.").
 * Pure: argv in, options or a refusal out.
 */
export const VERSION = "0.3.0";
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type SeverityFlag = (typeof SEVERITIES)[number];
export const FORMATS = ["pretty", "ndjson", "sarif"] as const;

type Kind = "bool" | "string" | "u64" | "list";
type Spec = { kind: Kind; short?: string; values?: readonly string[]; value?: string };

const BOOLS = [
  "stdin",
  "no-filter",
  "no-discovery",
  "stream",
  "quiet",
  "summary",
  "no-auto-report",
  "waf-evasion",
  "danger-accept-invalid-certs",
  "active-checks",
  "dry-run",
  "response-diff-deep",
  "per-host-clients",
  "adaptive-concurrency",
  "no-cors",
  "no-csp",
  "no-graphql",
  "no-api-security",
  "no-jwt",
  "no-openapi",
  "no-api-versioning",
  "no-grpc-protobuf",
  "no-mass-assignment",
  "no-oauth-oidc",
  "no-rate-limit",
  "no-cve-templates",
  "no-websocket",
] as const;

const SPECS: Record<string, Spec> = {
  urls: { kind: "string", short: "u", value: "FILE" },
  har: { kind: "string", value: "FILE" },
  collection: { kind: "string", value: "FILE" },
  "filter-timeout": { kind: "u64", value: "SECS" },
  output: { kind: "string", short: "o", value: "FILE" },
  format: { kind: "string", short: "f", values: FORMATS, value: "FORMAT" },
  baseline: { kind: "string", value: "FILE" },
  concurrency: { kind: "u64", short: "c", value: "CONCURRENCY" },
  "max-endpoints": { kind: "u64", short: "n", value: "MAX_ENDPOINTS" },
  "delay-ms": { kind: "u64", value: "DELAY_MS" },
  retries: { kind: "u64", value: "RETRIES" },
  "timeout-secs": { kind: "u64", value: "TIMEOUT_SECS" },
  "user-agents": { kind: "list", value: "USER_AGENTS" },
  headers: { kind: "list", value: "HEADERS" },
  cookies: { kind: "list", value: "COOKIES" },
  proxy: { kind: "string", value: "PROXY" },
  "auth-bearer": { kind: "string", value: "AUTH_BEARER" },
  "auth-basic": { kind: "string", value: "AUTH_BASIC" },
  "auth-flow": { kind: "string", value: "AUTH_FLOW" },
  "auth-flow-b": { kind: "string", value: "AUTH_FLOW_B" },
  "unauth-strip-headers": { kind: "list", value: "UNAUTH_STRIP_HEADERS" },
  "session-file": { kind: "string", value: "SESSION_FILE" },
  "min-severity": { kind: "string", values: SEVERITIES, value: "MIN_SEVERITY" },
  "fail-on": { kind: "string", values: SEVERITIES, value: "FAIL_ON" },
  ...Object.fromEntries(BOOLS.map((b) => [b, { kind: "bool" } as Spec])),
};

export type Options = {
  urls?: string;
  stdin: boolean;
  har?: string;
  collection?: string;
  noFilter: boolean;
  filterTimeoutSecs: number;
  noDiscovery: boolean;
  output?: string;
  format: (typeof FORMATS)[number];
  stream: boolean;
  baseline?: string;
  quiet: boolean;
  summary: boolean;
  noAutoReport: boolean;
  concurrency: number;
  maxEndpoints: number;
  delayMs: number;
  retries: number;
  timeoutSecs: number;
  headers: string[];
  cookies: string[];
  userAgents: string[];
  authBearer?: string;
  authBasic?: string;
  authFlow?: string;
  authFlowB?: string;
  activeChecks: boolean;
  dryRun: boolean;
  minSeverity?: SeverityFlag;
  failOn: SeverityFlag;
  disabled: Set<string>;
};

export type Parsed =
  | { kind: "run"; options: Options }
  | { kind: "help" | "version"; text: string }
  | { kind: "refused"; code: 2; stderr: string };

const INPUT_GROUP = "<--urls <FILE>|--stdin|--har <FILE>|--collection <FILE>>";
export const USAGE = `Usage: apihunter [OPTIONS] ${INPUT_GROUP}`;

function refuse(message: string, tip?: string): Parsed {
  const body = [`error: ${message}`, ...(tip ? ["", `  tip: ${tip}`] : []), "", USAGE, ""];
  return { kind: "refused", code: 2, stderr: `${body.join("\n")}\nFor more information, try '--help'.\n` };
}

export function parseArgv(argv: readonly string[]): Parsed {
  const seen = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") return { kind: "help", text: helpText() };
    if (arg === "--version" || arg === "-V") return { kind: "version", text: `apihunter ${VERSION}\n` };
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    } else if (/^-[a-zA-Z]$/.test(arg)) {
      name = Object.keys(SPECS).find((k) => SPECS[k]?.short === arg.slice(1));
    }
    const spec = name === undefined ? undefined : SPECS[name];
    if (!name || !spec) {
      return arg.startsWith("-")
        ? refuse(`unexpected argument '${arg}' found`, `to pass '${arg}' as a value, use '-- ${arg}'`)
        : refuse(`unexpected argument '${arg}' found`);
    }
    const label = spec.value ? `--${name} <${spec.value}>` : `--${name}`;
    if (spec.kind === "bool") {
      if (inline !== undefined)
        return refuse(`unexpected value '${inline}' for '--${name}' found; no more were expected`);
      if (seen.has(name)) return refuse(`the argument '--${name}' cannot be used multiple times`);
      seen.set(name, ["true"]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return refuse(`a value is required for '${label}' but none was supplied`);
    if (spec.values && !spec.values.includes(value)) {
      return refuse(
        `invalid value '${value}' for '${label}'\n  [possible values: ${spec.values.join(", ")}]`,
      );
    }
    if (spec.kind === "u64" && !/^\d+$/.test(value)) {
      return refuse(`invalid value '${value}' for '${label}': invalid digit found in string`);
    }
    if (spec.kind !== "list" && seen.has(name))
      return refuse(`the argument '${label}' cannot be used multiple times`);
    const parts = spec.kind === "list" ? value.split(",") : [value];
    seen.set(name, [...(seen.get(name) ?? []), ...parts]);
  }
  const inputs = ["urls", "stdin", "har", "collection"].filter((k) => seen.has(k));
  if (inputs.length === 0)
    return refuse(`the following required arguments were not provided:\n  ${INPUT_GROUP}`);
  if (inputs.length > 1) {
    const [a, b] = inputs.map((k) => (SPECS[k]?.value ? `--${k} <${SPECS[k]?.value}>` : `--${k}`));
    return refuse(`the argument '${a}' cannot be used with '${b}'`);
  }
  const one = (k: string) => seen.get(k)?.[0];
  const num = (k: string, d: number) => (seen.has(k) ? Number(one(k)) : d);
  const flag = (k: string) => seen.has(k);
  return {
    kind: "run",
    options: {
      urls: one("urls"),
      stdin: flag("stdin"),
      har: one("har"),
      collection: one("collection"),
      noFilter: flag("no-filter"),
      filterTimeoutSecs: num("filter-timeout", 3),
      noDiscovery: flag("no-discovery"),
      output: one("output"),
      format: (one("format") ?? "pretty") as Options["format"],
      stream: flag("stream"),
      baseline: one("baseline"),
      quiet: flag("quiet"),
      summary: flag("summary"),
      noAutoReport: flag("no-auto-report"),
      concurrency: num("concurrency", 20),
      maxEndpoints: num("max-endpoints", 50),
      delayMs: num("delay-ms", 150),
      retries: num("retries", 1),
      timeoutSecs: num("timeout-secs", 8),
      headers: seen.get("headers") ?? [],
      cookies: seen.get("cookies") ?? [],
      userAgents: seen.get("user-agents") ?? [],
      authBearer: one("auth-bearer"),
      authBasic: one("auth-basic"),
      authFlow: one("auth-flow"),
      authFlowB: one("auth-flow-b"),
      activeChecks: flag("active-checks"),
      dryRun: flag("dry-run"),
      minSeverity: one("min-severity") as SeverityFlag | undefined,
      failOn: (one("fail-on") ?? "medium") as SeverityFlag,
      disabled: new Set(
        BOOLS.filter((b) => b.startsWith("no-") && seen.has(b)).map((b) => b.slice(3).replace(/-/g, "_")),
      ),
    },
  };
}

/** Validation ApiHunter does after clap (anyhow errors, exit 2): the message, or null. */
export function validate(o: Options): string | null {
  if (o.concurrency === 0) return "--concurrency must be greater than 0";
  if (o.timeoutSecs === 0) return "--timeout-secs must be greater than 0";
  if (!o.noFilter && o.filterTimeoutSecs === 0)
    return "--filter-timeout must be greater than 0 when filtering is enabled";
  if (o.authBearer !== undefined && (o.authBearer === "" || /\s/.test(o.authBearer)))
    return "--auth-bearer must be a non-empty token without whitespace";
  if (o.authBasic !== undefined) {
    const [user, ...rest] = o.authBasic.split(":");
    if (!user || rest.join(":") === "") return "--auth-basic must be USER:PASS with both parts non-empty";
  }
  for (const h of o.headers) if (!h.includes(":")) return `Invalid header '${h}': expected NAME:VALUE`;
  return null;
}

/** Warnings ApiHunter logs for legal but unusual values. */
export function warnings(o: Options): string[] {
  const out: string[] = [];
  if (o.concurrency > 500) out.push(`--concurrency ${o.concurrency} is very high`);
  if (o.retries > 5) out.push(`--retries ${o.retries} is high`);
  if (o.stream && o.format !== "ndjson")
    out.push("--stream only applies to --format ndjson; streaming disabled");
  else if (o.stream && o.baseline) out.push("--stream is not supported with --baseline; streaming disabled");
  return out;
}

function helpText(): string {
  const lines = Object.entries(SPECS).map(([name, s]) => {
    const short = s.short ? `-${s.short}, ` : "    ";
    const value = s.value ? ` <${s.value}>` : "";
    const pv = s.values ? ` [possible values: ${s.values.join(", ")}]` : "";
    return `  ${short}--${name}${value}${pv}`;
  });
  return [
    "High-signal API security scanner",
    "",
    USAGE,
    "",
    "Options:",
    ...lines,
    "  -h, --help     Print help",
    "  -V, --version  Print version",
    "",
  ].join("\n");
}
