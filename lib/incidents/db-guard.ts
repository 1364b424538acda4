import "server-only";

import { AppError, isDatabaseUnreachable } from "@/lib/errors";

export const DATABASE_UNREACHABLE_MESSAGE =
  "The database is unreachable; nothing was saved. Try again in a moment.";

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
