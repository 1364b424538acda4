import ReactMarkdown, { type Components } from "react-markdown";

/** Notes are Markdown rendered safely: raw HTML is never interpreted (react-markdown turns it into
 * text, so `<script>` or `<img onerror>` show as typed), dangerous URLs are dropped by its default
 * urlTransform, and images become links so a note cannot make viewers load remote content. */
const COMPONENTS: Components = {
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} rel="noopener noreferrer nofollow" target="_blank">
        {alt || src}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  a: ({ href, children }) => (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
      {children}
    </a>
  ),
};

const PROSE = [
  "text-sm leading-relaxed break-words",
  "[&_p]:my-1.5 [&_ul]:my-1.5 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-1.5 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_h1]:mt-2 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:mt-2 [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:font-medium",
  "[&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-500",
  "[&_code]:rounded [&_code]:bg-zinc-500/15 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-500/10 [&_pre]:p-2 [&_pre_code]:bg-transparent",
  "[&_table]:my-2 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2",
].join(" ");

export function Markdown({ children }: { children: string }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown components={COMPONENTS} skipHtml={false}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
