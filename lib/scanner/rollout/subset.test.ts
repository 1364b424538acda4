import { describe, expect, it } from "vitest";

import { drawSubset, subsetFractionProblem } from "./subset";

const urls = Array.from({ length: 40 }, (_, i) => `https://api.example.com/v1/items/${i}`);

describe("canary subsets", () => {
  it("the same seed draws the same subset; another seed another one", () => {
    expect(drawSubset(urls, 0.1, "env:1")).toEqual(drawSubset([...urls].reverse(), 0.1, "env:1"));
    expect(drawSubset(urls, 0.1, "env:1")).not.toEqual(drawSubset(urls, 0.1, "env:2"));
  });

  it("takes ⌈fraction × n⌉ distinct approved URLs, at least one", () => {
    expect(drawSubset(urls, 0.1, "s")).toHaveLength(4);
    expect(drawSubset(urls, 0.05, "s")).toHaveLength(2);
    expect(drawSubset(urls.slice(0, 3), 0.05, "s")).toHaveLength(1);
    expect(drawSubset(urls, 0.25, "s").every((u) => urls.includes(u))).toBe(true);
    expect(drawSubset([], 0.1, "s")).toEqual([]);
  });

  it("a larger fraction with the same seed contains the smaller subset", () => {
    const small = drawSubset(urls, 0.1, "s");
    expect(drawSubset(urls, 0.5, "s")).toEqual(expect.arrayContaining(small));
  });

  it("stage 1 accepts 5–10 % and stage 2 25–50 %, bounds included", () => {
    expect(subsetFractionProblem("canary1", 0.05)).toBeNull();
    expect(subsetFractionProblem("canary1", 0.1)).toBeNull();
    expect(subsetFractionProblem("canary1", 0.11)).toMatch(/5–10 %/);
    expect(subsetFractionProblem("canary1", 0.049)).not.toBeNull();
    expect(subsetFractionProblem("canary2", 0.25)).toBeNull();
    expect(subsetFractionProblem("canary2", 0.5)).toBeNull();
    expect(subsetFractionProblem("canary2", 0.51)).toMatch(/25–50 %/);
  });
});
