import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Markdown } from "./markdown";
import { isPlainText, TimelineMarkdown } from "./timeline-markdown";

const markdown = (text: string) => renderToStaticMarkup(createElement(Markdown, null, text));
const timeline = (text: string) => renderToStaticMarkup(createElement(TimelineMarkdown, null, text));

describe("TimelineMarkdown", () => {
  const plain = [
    "Seeded event 10000",
    "On it: cache thrash 1764300000000",
    "Rolled back web to stable (ready pods: 3/3), error rate 2.5% to 0.4%  ",
    "2026.11.28 deploy of v1.2 looked fine; p95 = 310 ms",
    "On-call paged at 04:12 UTC, acknowledged (Dana)",
    "Пожар в кэше — откат выполнен",
  ];
  it.each(plain)("shows plain text exactly as the Markdown renderer would: %s", (text) => {
    expect(isPlainText(text)).toBe(true);
    expect(timeline(text)).toBe(markdown(text));
  });

  const formatted = [
    "**bold**",
    "a_b",
    "`code`",
    "# Heading",
    "> quoted",
    "- item",
    "+ item",
    "1. first",
    "3) third",
    "    indented code",
    "line one\nline two",
    "[link](https://example.test)",
    "<script>alert(1)</script>",
    "Fish &amp; chips",
    "escaped \\* star",
    "---",
    "",
    "   ",
  ];
  it.each(formatted)("leaves anything Markdown could format to the Markdown renderer: %j", (text) => {
    expect(isPlainText(text)).toBe(false);
  });
});
