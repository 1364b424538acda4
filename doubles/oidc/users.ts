// The demo people of the OpenID provider double: one per Firebreak role, plus a second
// commander so two-person approvals can be shown. Their `groups` claim is what the app maps
// to roles (FIREBREAK_ROLE_MAP); the password is the same for all of them.
export type DemoUser = {
  sub: string;
  name: string;
  email: string;
  groups: string[];
};

export const DEMO_PASSWORD = "firebreak-demo";

export const DEMO_USERS: readonly DemoUser[] = [
  { sub: "u-viewer", name: "Vera Viewer", email: "viewer@firebreak.test", groups: ["firebreak-viewers"] },
  {
    sub: "u-responder",
    name: "Rafael Responder",
    email: "responder@firebreak.test",
    groups: ["firebreak-responders"],
  },
  {
    sub: "u-commander",
    name: "Cora Commander",
    email: "commander@firebreak.test",
    groups: ["firebreak-commanders"],
  },
  {
    sub: "u-commander2",
    name: "Cole Commander",
    email: "commander2@firebreak.test",
    groups: ["firebreak-commanders"],
  },
  { sub: "u-admin", name: "Ada Admin", email: "admin@firebreak.test", groups: ["firebreak-admins"] },
];

/** The role map that matches these groups (given to the app through stack.json's appEnv). */
export const DEMO_ROLE_MAP =
  "firebreak-viewers:viewer,firebreak-responders:responder,firebreak-commanders:commander,firebreak-admins:admin";

/** The subject for a demo person, optionally shown under another name ("u-commander~Dana"):
 * tests sign in as several people with the same role, each a distinct subject. */
export function subjectFor(user: DemoUser, shownAs?: string): string {
  const name = shownAs?.trim();
  return name ? `${user.sub}~${encodeURIComponent(name)}` : user.sub;
}

export function findDemoUser(sub: string): DemoUser | undefined {
  const [base, shownAs] = sub.split("~");
  const user = DEMO_USERS.find((u) => u.sub === base);
  if (!user || !shownAs) return user;
  const name = decodeURIComponent(shownAs);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const [local, domain] = user.email.split("@");
  return { ...user, sub, name, email: `${local}+${slug}@${domain}` };
}
