/** Expected failures carry a message that is safe to show; anything else is logged and
 * shown as a generic error. */
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

/** What the user reads when a write could not reach the database. */
export const DATABASE_UNREACHABLE_MESSAGE =
  "The database is unreachable; nothing was saved. Try again in a moment.";

/** Postgres/pg connection failures, so pages can show "database unreachable" instead of crashing.
 * The one test for it: actions, route handlers and pages all ask this function. */
export function isDatabaseUnreachable(e: unknown): boolean {
  const text = String((e as { code?: string })?.code ?? "") + " " + String((e as Error)?.message ?? "");
  return UNREACHABLE.some((pattern) => pattern.test(text));
}

/** Socket errors, pg's and Prisma's wording, 57P01 (admin shutdown) and P1001 (can't reach). */
const UNREACHABLE = [
  /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/i,
  /Connection terminated|Can't reach database|DATABASE_URL is not set/i,
  /57P01|P1001/i,
];

/** Runs a database call and turns a connection failure into an expected AppError("UNAVAILABLE"),
 * so actions and pages show "database unreachable" instead of a generic crash. */
export async function guardDb<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDatabaseUnreachable(e)) throw new AppError("UNAVAILABLE", DATABASE_UNREACHABLE_MESSAGE);
    throw e;
  }
}
