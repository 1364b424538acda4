import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Markdown } from "./markdown";

const render = (md: string) => renderToStaticMarkup(createElement(Markdown, null, md));

describe("Markdown", () => {
  it("renders Markdown formatting", () => {
    expect(render("**bold** and `code`\n\n- item")).toContain("<strong>bold</strong>");
  });

  it("shows a <script> tag as text, never as an element", () => {
    const html = render('before <script>alert("x")</script> after');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows an <img onerror> as text, never as an element", () => {
    const html = render("<img src=x onerror=alert(1)>");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("drops javascript: links and turns images into plain links", () => {
    const html = render("[click](javascript:alert(1)) ![chart](https://example.test/c.png)");
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('href="https://example.test/c.png"');
  });
});
