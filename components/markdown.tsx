import ReactMarkdown, { type Components } from "react-markdown";

import { PROSE } from "./markdown-prose";

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

export function Markdown({ children }: { children: string }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown components={COMPONENTS} skipHtml={false}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
