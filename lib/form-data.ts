/**
 * A submitted form as a plain object of strings: what server actions parse with zod and what a
 * refused form gets back to show the typed values again. A file field becomes its file name
 * (actions that need the content read the File themselves); React's internal `$ACTION…` fields
 * are dropped.
 */
export function formDataToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = typeof value === "string" ? value : value.name;
  }
  return out;
}
