"use client";

export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: 24 }}>
        <h1>Firebreak hit an unexpected error</h1>
        <button type="button" onClick={reset}>
          Retry
        </button>
      </body>
    </html>
  );
}
