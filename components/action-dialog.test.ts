import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { ActionDialog } from "./action-dialog";

const h = createElement as (type: unknown, props: object | null, ...children: ReactNode[]) => ReactElement;

function replicasShown(initialReplicas?: number | null): string | undefined {
  const html = renderToStaticMarkup(
    h(
      QueryClientProvider,
      { client: new QueryClient() },
      h(ActionDialog, { incidentId: 1, kind: "scale", initialReplicas, onClose() {}, onDone() {} }),
    ),
  );
  return /<input type="number"[^>]*value="(\d+)"/.exec(html)?.[1];
}

describe("the scale dialog", () => {
  it("opens with the replica count of the playbook step that opened it", () => {
    expect(replicasShown(3)).toBe("3");
  });
  it("opens with the runbook's scale-up count (10) when opened without one", () => {
    expect(replicasShown()).toBe("10");
    expect(replicasShown(null)).toBe("10");
  });
});
