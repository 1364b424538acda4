import { describe, expect, it } from "vitest";

import type { PodView } from "@/lib/kube/cluster";

import { countReadyEndpoints, describeServing, selectorSwitchRefusal, summarizeServing } from "./serving";

const pod = (name: string, ready: boolean): PodView => ({
  name,
  labels: {},
  phase: "Running",
  ready,
  restarts: 0,
  conditions: [],
  startedAt: null,
});
const base = {
  service: "web",
  label: "version",
  stableValue: "stable",
  before: { app: "web", version: "new" },
  addsLabel: false,
  addLabelChosen: false,
};

describe("selector switch pre-flight", () => {
  it("lets a switch through when ready pods will serve, and says how many", () => {
    const serving = summarizeServing({ app: "web", version: "stable" }, [pod("b", true), pod("a", false)]);
    expect(describeServing(serving)).toBe("1 ready pod will serve after the switch (1 not ready)");
    expect(selectorSwitchRefusal({ ...base, serving })).toBeNull();
  });

  it("refuses a switch to zero ready endpoints (no pods, or none Ready)", () => {
    const none = summarizeServing({ app: "web", version: "stable" }, []);
    expect(selectorSwitchRefusal({ ...base, serving: none })?.message).toMatch(
      /^No pod matches app=web, version=stable: .*zero endpoints.*Nothing was sent\.$/,
    );
    const unready = summarizeServing({ app: "web", version: "stable" }, [pod("a", false)]);
    expect(selectorSwitchRefusal({ ...base, serving: unready })?.code).toBe("no_ready_pods");
  });

  it("refuses to add a missing label unless the add-label variant was chosen", () => {
    const serving = summarizeServing({ app: "web", version: "stable" }, [pod("a", true)]);
    const missing = { ...base, before: { app: "web" }, addsLabel: true, serving };
    expect(selectorSwitchRefusal(missing)).toMatchObject({ code: "missing_label" });
    expect(selectorSwitchRefusal({ ...missing, addLabelChosen: true })).toBeNull();
    expect(selectorSwitchRefusal({ ...base, addLabelChosen: true, serving })?.code).toBe("label_present");
  });

  it("counts ready endpoint addresses", () => {
    expect(
      countReadyEndpoints([
        { ip: "1", podName: "a", ready: true },
        { ip: "2", podName: "b", ready: false },
      ]),
    ).toBe(1);
  });
});
