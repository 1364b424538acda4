/** The typography of rendered Markdown (./markdown.tsx), also used by text that is shown without
 * the Markdown renderer (./timeline-markdown.tsx) so both look the same. */
export const PROSE = [
  "text-sm leading-relaxed break-words",
  "[&_p]:my-1.5 [&_ul]:my-1.5 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-1.5 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_h1]:mt-2 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:mt-2 [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:font-medium",
  "[&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-500",
  "[&_code]:rounded [&_code]:bg-zinc-500/15 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-500/10 [&_pre]:p-2 [&_pre_code]:bg-transparent",
  "[&_table]:my-2 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2",
].join(" ");
