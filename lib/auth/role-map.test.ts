import { describe, expect, it } from "vitest";

import { parseGroups, parseRoleMap, resolveRoles } from "./role-map";

const map = parseRoleMap("firebreak-viewers:viewer, oncall:responder,ic:commander,firebreak-admins:admin");

describe("role map", () => {
  it("maps every group the person is in, highest role last", () => {
    expect(
      resolveRoles({ groups: ["ic", "oncall", "other"], override: null, map, defaultRole: "none" }),
    ).toEqual(["responder", "commander"]);
  });

  it("lets an admin's override win over the groups claim, including 'none'", () => {
    expect(
      resolveRoles({ groups: ["firebreak-admins"], override: "viewer", map, defaultRole: "none" }),
    ).toEqual(["viewer"]);
    expect(
      resolveRoles({ groups: ["firebreak-admins"], override: "none", map, defaultRole: "viewer" }),
    ).toEqual([]);
  });

  it("gives the default role only to people whose groups map to nothing", () => {
    expect(resolveRoles({ groups: ["sales"], override: null, map, defaultRole: "none" })).toEqual([]);
    expect(resolveRoles({ groups: ["sales"], override: null, map, defaultRole: "viewer" })).toEqual([
      "viewer",
    ]);
  });

  it("refuses a mapping to a role that does not exist, naming the entry", () => {
    expect(() => parseRoleMap("ops:root")).toThrow(/"ops:root"/);
    expect(() => parseRoleMap(":admin")).toThrow(/group:role/);
  });

  it("keeps group names that contain colons", () => {
    expect(parseRoleMap("cn=ops:x:admin").get("cn=ops:x")).toBe("admin");
  });

  it("reads the stored groups defensively", () => {
    expect(parseGroups('["a","b"]')).toEqual(["a", "b"]);
    expect(parseGroups("not json")).toEqual([]);
    expect(parseGroups('{"a":1}')).toEqual([]);
  });
});
