/** Only same-site paths: never an open redirect. */
export function safeNext(raw: unknown): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === "string" && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\")
    ? v
    : "/incidents";
}
