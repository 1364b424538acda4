/** Expected failures carry a message that is safe to show; anything else is logged and
 * shown as a generic error (house style §4.3). */
export type AppErrorCode =
  "NOT_FOUND" | "INVALID_INPUT" | "FORBIDDEN" | "CONFLICT" | "UNAVAILABLE" | "UPSTREAM_FAILED" | "TIMEOUT";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Postgres/pg connection failures, so pages can show "database unreachable" instead of crashing. */
export function isDatabaseUnreachable(e: unknown): boolean {
  const text = String((e as { code?: string })?.code ?? "") + " " + String((e as Error)?.message ?? "");
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|Connection terminated|Can't reach database|DATABASE_URL is not set|57P01|P1001/i.test(
    text,
  );
}
