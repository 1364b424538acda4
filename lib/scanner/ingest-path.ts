import "server-only";
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";

import { AppError } from "@/lib/errors";

/**
 * Reads a report "by path" from the one directory configured for it (SCANNER_REPORT_DIR).
 * - The path is checked against the directory before anything is touched, then again after
 *   resolving symlinks (a link pointing out of the directory is refused).
 * - The opened handle is checked, not the path: a regular file (never a device, FIFO or
 *   /proc entry), with its size within the limit; the read itself stops past the limit, since
 *   some files report size 0 and are larger.
 * - Messages name the path that was typed and what is wrong; never any of the file's content.
 */
export async function readReportFile(
  reportDir: string | undefined,
  requested: string,
  maxBytes: number,
): Promise<string> {
  if (!reportDir) {
    throw new AppError(
      "INVALID_INPUT",
      "Ingest by path is off on this server: SCANNER_REPORT_DIR names no report directory. Upload the report instead.",
    );
  }
  if (!path.isAbsolute(requested)) {
    throw refused(requested, `is not an absolute path; reports are read from ${reportDir}`);
  }
  const dir = await realDirectory(reportDir);
  const lexical = path.resolve(requested);
  if (!isInside(lexical, dir) && !isInside(lexical, path.resolve(reportDir))) {
    throw refused(requested, `is outside the report directory ${reportDir}`);
  }
  let real: string;
  try {
    real = await realpath(/*turbopackIgnore: true*/ lexical);
  } catch (e) {
    throw refused(requested, whyUnreadable(e));
  }
  if (!isInside(real, dir)) throw refused(requested, `leads outside the report directory ${reportDir}`);

  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not hang; O_NOFOLLOW: the last component was resolved above.
    handle = await open(
      /*turbopackIgnore: true*/ real,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
  } catch (e) {
    throw refused(requested, whyUnreadable(e));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw refused(requested, "is not a regular file");
    if (info.size > maxBytes) throw refused(requested, `is ${mb(info.size)}; the limit is ${mb(maxBytes)}`);
    return await readCapped(handle, requested, maxBytes);
  } finally {
    await handle.close();
  }
}

async function realDirectory(reportDir: string): Promise<string> {
  try {
    return await realpath(/*turbopackIgnore: true*/ reportDir);
  } catch {
    throw new AppError(
      "UNAVAILABLE",
      `The report directory ${reportDir} (SCANNER_REPORT_DIR) does not exist on this server.`,
    );
  }
}

type Handle = Awaited<ReturnType<typeof open>>;

async function readCapped(handle: Handle, requested: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) throw refused(requested, `is larger than the limit of ${mb(maxBytes)}`);
    chunks.push(buffer.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isInside(candidate: string, dir: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

function whyUnreadable(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "is not readable by Firebreak";
  if (code === "ELOOP") return "is a symbolic link";
  return `cannot be read (${code ?? "error"})`;
}

function refused(requested: string, why: string): AppError {
  return new AppError("INVALID_INPUT", `${requested} ${why}.`, { path: [`This file ${why}.`] });
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
