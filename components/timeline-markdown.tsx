"use client";

import dynamic from "next/dynamic";
import { Suspense } from "react";

import { PROSE } from "./markdown-prose";

// The Markdown renderer (react-markdown and its parser) is loaded only when a row needs it, so
// the incident page's first paint does not wait on it: most timeline text is one plain line.
const Markdown = dynamic(() => import("./markdown").then((m) => m.Markdown));

/** A single line that Markdown would render as exactly one paragraph of the same text: no
 * character that can start inline syntax, an entity or HTML, and no line start that makes a
 * block (indent, list, heading, quote, thematic break). */
export function isPlainText(text: string): boolean {
  return (
    text.trim() !== "" &&
    !/[\u0000-\u001f\u007f*_`#>[\]!<&|~\\]/.test(text) &&
    !/^(\s|[-+=]|\d{1,9}[.)](\s|$))/.test(text)
  );
}

/** Markdown for timeline rows: plain text is shown as the paragraph Markdown would make of it;
 * anything else goes through the Markdown renderer, loaded on first use (the raw text shows
 * meanwhile). */
export function TimelineMarkdown({ children }: { children: string }) {
  if (isPlainText(children))
    return (
      <div className={PROSE}>
        <p>{children.replace(/ +$/, "")}</p>
      </div>
    );
  return (
    <Suspense
      fallback={
        <div className={PROSE}>
          <p className="whitespace-pre-wrap">{children}</p>
        </div>
      }
    >
      <Markdown>{children}</Markdown>
    </Suspense>
  );
}
