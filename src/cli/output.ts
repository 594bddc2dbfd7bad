/** Output helpers: JSON lines (stdout), aligned tables, number formatting. */

/** Format a number to `digits` significant digits; Infinity as "inf". */
export function fmt(x: unknown, digits = 4): string {
  if (x === null || x === undefined) return "—";
  if (typeof x === "number") {
    if (x === Infinity) return "inf";
    if (!Number.isFinite(x)) return String(x);
    if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
    return x.toPrecision(digits).replace(/\.?0+(e|$)/, "$1");
  }
  if (Array.isArray(x)) return `[${x.map((v) => fmt(v, digits)).join(", ")}]`;
  if (typeof x === "object") {
    return Object.entries(x as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${fmt(v, digits)}`)
      .join("; ");
  }
  return String(x);
}

/** JSON with Infinity written as the string "inf" (JSON has no infinity). */
export function jsonLine(obj: unknown): string {
  return JSON.stringify(obj, (_k, v) => (v === Infinity ? "inf" : v === -Infinity ? "-inf" : v));
}

/** An aligned plain-text table. */
export function table(headers: string[], rows: string[][]): string {
  const w = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) => r.map((c, j) => (c ?? "").padEnd(w[j])).join("  ").trimEnd();
  return [line(headers), line(w.map((n) => "-".repeat(n))), ...rows.map(line)].join("\n");
}
