"use server";

import { runStep } from "@/lib/playbooks/execute";
import {
  actionStepSchema,
  runStepSchema,
  skipStepSchema,
  startPlaybookSchema,
  switchPlaybookSchema,
  tickStepSchema,
} from "@/lib/playbooks/inputs";
import {
  recordActionStep,
  skipStep,
  startPlaybook,
  startSeverityPlaybook,
  switchSeverityPlaybook,
  tickManualStep,
} from "@/lib/playbooks/runs";
import { defineAction } from "@/lib/server-action";

const write = "incident:write" as const;

export const runStepAction = defineAction({ schema: runStepSchema, permission: write }, (input, { actor }) =>
  runStep(input, actor),
);
export const tickStepAction = defineAction(
  { schema: tickStepSchema, permission: write },
  (input, { actor }) => tickManualStep(input, actor),
);
export const skipStepAction = defineAction(
  { schema: skipStepSchema, permission: write },
  (input, { actor }) => skipStep(input, actor),
);
export const recordActionStepAction = defineAction(
  { schema: actionStepSchema, permission: write },
  (input, { actor }) => recordActionStep(input, actor),
);
export const startPlaybookAction = defineAction(
  { schema: startPlaybookSchema, permission: write },
  (input, { actor }) =>
    input.playbookId === "severity"
      ? startSeverityPlaybook(input.incidentId, actor)
      : startPlaybook(input.incidentId, input.playbookId, actor),
);
export const switchPlaybookAction = defineAction(
  { schema: switchPlaybookSchema, permission: write },
  (input, { actor }) => switchSeverityPlaybook(input.incidentId, actor),
);
