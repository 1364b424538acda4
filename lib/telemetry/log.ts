export type LogLevel = "debug" | "info" | "warn" | "error";

/** One JSON line per event on stdout (errors on stderr), for a log collector to parse:
 * `{"time","level","msg",...fields}`. Errors in fields are written as their message and stack. */
export function logEvent(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_key, value) =>
    value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
  );
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}
