/** `grep -i error`: the lines of a log that mention an error, in any case. */
export function filterErrorLines(text: string): string[] {
  return text.split("\n").filter((l) => /error/i.test(l));
}
