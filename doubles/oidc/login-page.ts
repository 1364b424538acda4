import { DEMO_USERS } from "./users";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The provider's sign-in page: choose a demo person, type the demo password. */
export function loginPage(opts: { uid: string; clientId: string; error?: string }): string {
  const options = DEMO_USERS.map(
    (u) => `<option value="${escape(u.sub)}">${escape(u.name)} (${escape(u.groups.join(", "))})</option>`,
  ).join("");
  const error = opts.error ? `<p role="alert" style="color:#b91c1c">${escape(opts.error)}</p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo identity provider — sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}select,input,button{font:inherit;width:100%;padding:.4rem;margin-top:.25rem}
button{margin-top:1.5rem}</style></head>
<body><h1>Demo identity provider</h1>
<p>Sign in to <strong>${escape(opts.clientId)}</strong>. Every demo person's password is
<code>firebreak-demo</code>.</p>${error}
<form method="post" action="/interaction/${escape(opts.uid)}/login">
<label for="user">Person</label><select id="user" name="user">${options}</select>
<label for="shown-as">Name shown (optional, demo only)</label><input id="shown-as" name="shownAs" maxlength="60">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form></body></html>`;
}
