/** The preview's confirm form (one at a time): fields outside it join it with `form=`. */
export const CONFIRM_FORM_ID = "optimizer-confirm";
export const PRE = "overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900";

/** The hidden fields a confirm form carries (request id, what was previewed). */
export function Hidden({ fields }: { fields: Record<string, string | number> }) {
  return Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
}
