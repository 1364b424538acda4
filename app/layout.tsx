import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";

import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Firebreak", template: "%s · Firebreak" },
  description: "Incident-response console",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/icon-192.png",
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Dark by default; a saved choice is applied before first paint so the page never flashes.
const THEME_SCRIPT = `try{if(localStorage.getItem("fb-theme")==="light")document.documentElement.classList.remove("dark")}catch(e){}`;

// The theme script runs under the Content-Security-Policy with this request's nonce (proxy.ts);
// reading it also renders every page per request, which a nonce requires.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
