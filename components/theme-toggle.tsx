"use client";

export function ThemeToggle() {
  function toggle() {
    const dark = document.documentElement.classList.toggle("dark");
    try {
      localStorage.setItem("fb-theme", dark ? "dark" : "light");
    } catch {}
  }
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700"
      aria-label="Toggle light or dark theme"
    >
      Theme
    </button>
  );
}
