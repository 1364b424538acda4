import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { open, parseKey, seal } from "./secret-box";

/** Where development and tests keep their generated key (gitignored, created once). */
const DEV_KEY_FILE = path.join(".data", "dev-secret-key");

let cached: { text: string | undefined; key: Buffer } | undefined;

/**
 * The key secrets are sealed with: FIREBREAK_SECRET_KEY (32 bytes, base64 or hex). Required in
 * production; development and tests without it get a generated key kept in `.data/dev-secret-key`
 * (so values sealed yesterday still open after a restart).
 */
export function secretKey(): Buffer {
  const env = getEnv();
  const text = env.FIREBREAK_SECRET_KEY;
  if (cached && cached.text === text) return cached.key;
  let key: Buffer;
  if (text) {
    try {
      key = parseKey(text);
    } catch (e) {
      throw new AppError("UNAVAILABLE", `FIREBREAK_SECRET_KEY is unusable: ${(e as Error).message}`);
    }
  } else if (env.NODE_ENV === "production") {
    throw new AppError(
      "UNAVAILABLE",
      "FIREBREAK_SECRET_KEY is not set: secrets cannot be stored or read (see .env.example).",
    );
  } else key = devKey();
  cached = { text, key };
  return key;
}

function devKey(): Buffer {
  try {
    return parseKey(readFileSync(/*turbopackIgnore: true*/ DEV_KEY_FILE, "utf8"));
  } catch {
    mkdirSync(/*turbopackIgnore: true*/ path.dirname(DEV_KEY_FILE), { recursive: true });
    try {
      writeFileSync(/*turbopackIgnore: true*/ DEV_KEY_FILE, randomBytes(32).toString("base64"), {
        flag: "wx",
        mode: 0o600,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    return parseKey(readFileSync(/*turbopackIgnore: true*/ DEV_KEY_FILE, "utf8"));
  }
}

/** Seals with the configured key (see secret-box.ts for the format). */
export function sealSecret(plaintext: string, purpose: string): string {
  return seal(plaintext, secretKey(), purpose);
}

export function openSecret(sealed: string, purpose: string): string {
  try {
    return open(sealed, secretKey(), purpose);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("UNAVAILABLE", `A stored secret cannot be opened: ${(e as Error).message}`);
  }
}
