import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { Actor, Permission, Role } from "@/lib/auth/permissions";
import { ActorProvider } from "@/lib/auth/use-actor";
import { testActor } from "@/lib/testing/actors";
import { PermissionGate } from "./permission-gate";

// createElement with children as arguments (as JSX compiles), without JSX in a .ts test.
const h = createElement as (type: unknown, props: object | null, ...children: ReactNode[]) => ReactElement;

function render(
  actor: Actor | null,
  permission: Permission,
  options: { compact?: boolean; hide?: boolean; fallback?: string } = {},
): string {
  const control = h("button", { type: "button" }, "Change status");
  return renderToStaticMarkup(
    h(ActorProvider, { actor }, h(PermissionGate, { permission, ...options }, control)),
  );
}

const as = (role: Role) => testActor(role);

describe("PermissionGate", () => {
  it("leaves the controls alone for a role that may use them", () => {
    const html = render(as("commander"), "incident:command");
    expect(html).toBe('<button type="button">Change status</button>');
  });

  it("disables the controls for a role that may not, and says which role is needed", () => {
    const html = render(as("responder"), "incident:command");
    expect(html).toMatch(/^<fieldset disabled="" title="Needs the commander role"/);
    expect(html).toContain("Needs the commander role: you can see this but not change it.");
    expect(html).toContain("<button");
  });

  it("ties the reason to the disabled controls for screen readers", () => {
    const html = render(as("viewer"), "incident:write");
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}" role="note"`);
  });

  it("puts a short reason after inline controls when compact", () => {
    const html = render(as("viewer"), "playbook:run", { compact: true });
    expect(html).toMatch(
      /<button type="button">Change status<\/button><span [^>]*role="note"[^>]*>Needs the responder role<\/span>/,
    );
  });

  it("shows the short reason instead of a hidden control, or the fallback given", () => {
    const html = render(as("commander"), "service:write", { hide: true });
    expect(html).toMatch(/^<span [^>]*role="note"[^>]*>Needs the admin role<\/span>$/);
    expect(render(as("responder"), "service:write", { hide: true, fallback: "Admins edit services" })).toBe(
      "Admins edit services",
    );
  });

  it("asks a visitor without a session to sign in", () => {
    expect(render(null, "incident:read")).toContain("Sign in first: you can see this but not change it.");
  });
});
