"use client";

import { createAuthClient } from "better-auth/react";

/** The browser side of sign-in and sign-out (same origin, /api/auth). */
export const authClient = createAuthClient();
