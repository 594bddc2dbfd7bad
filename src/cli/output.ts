/** Output helpers: JSON lines (stdout), aligned tables, number formatting. */
import { toJson } from "../run/files";
import type { ClaimOutcome } from "../core/claim";

/** Format a number to `digits` significant digits (at least all of its integer digits); Infinity as "inf". */
export function fmt(x: unknown, digits = 4): string {
  if (x === null || x === undefined) return "—";
  if (typeof x === "number") {
    if (x === Infinity) return "inf";
    if (!Number.isFinite(x)) return String(x);
    if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
    const a = Math.abs(x);
    if (a >= 1e7) return x.toExponential(digits - 1).replace(/\.?0+e/, "e");
    // never fewer digits than the integer part has (1239.7 → "1240", 32519.5 → "32520")
    const intDigits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 1;
    return String(Number(x.toPrecision(Math.max(digits, intDigits))));
  }
  if (Array.isArray(x)) return `[${x.map((v) => fmt(v, digits)).join(", ")}]`;
  if (typeof x === "object") {
    return Object.entries(x as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${fmt(v, digits)}`)
      .join("; ");
  }
  return String(x);
}

/** One JSON line in the toolkit's codec (±Infinity as "inf"/"-inf", NaN as "nan", as in stored results). */
export function jsonLine(obj: unknown): string {
  return toJson(obj);
}

/** An aligned plain-text table. */
export function table(headers: string[], rows: string[][]): string {
  const w = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) => r.map((c, j) => (c ?? "").padEnd(w[j])).join("  ").trimEnd();
  return [line(headers), line(w.map((n) => "-".repeat(n))), ...rows.map(line)].join("\n");
}

/** The fields of a claim outcome printed by `check --json` and `study --json` (plus `error` when it errored). */
export function claimJson(o: ClaimOutcome): Record<string, unknown> {
  return {
    id: o.id,
    paper: o.paper,
    verdict: o.verdict,
    measured: o.measured,
    predicted: o.predicted,
    tolerance: o.tolerance,
    ...(o.error !== undefined ? { error: o.error } : {}),
    ...(o.premise !== undefined ? { premise: o.premise } : {}),
  };
}

/** A verdict as the tables print it: pass, FAIL, INCONCLUSIVE, ERROR. */
export function verdictLabel(v: ClaimOutcome["verdict"]): string {
  return v === "pass" ? "pass" : v.toUpperCase();
}

/** One stderr line per finished claim (verdict, id, seconds). */
export function claimProgressLine(o: ClaimOutcome): string {
  const why = o.error ? `: ${o.error}` : o.premise ? `: premise ${o.premise.id} did not pass (the claim alone would ${o.premise.withheld})` : "";
  return `${verdictLabel(o.verdict).padEnd(5)}  ${o.id} (${o.seconds.toFixed(1)} s)${why}`;
}

/** The claim table and summary printed by `check` and `study` without --json. */
export function claimTable(outcomes: readonly ClaimOutcome[], where: string): string {
  const rows = outcomes.map((o) => [verdictLabel(o.verdict), o.id, fmt(o.measured), fmt(o.predicted), fmt(o.tolerance)]);
  const pass = outcomes.filter((o) => o.verdict === "pass").length;
  const errored = outcomes.filter((o) => o.verdict === "error");
  const inconclusive = outcomes.filter((o) => o.verdict === "inconclusive");
  return [
    table(["verdict", "claim", "measured", "predicted", "tolerance"], rows),
    `${pass}/${outcomes.length} claims pass ${where}${inconclusive.length ? `; ${inconclusive.length} inconclusive (a premise did not pass)` : ""}${errored.length ? `; ${errored.length} could not be judged` : ""}`,
    ...inconclusive.map((o) => `  ${o.id}: inconclusive: premise ${o.premise?.id} ${o.premise?.verdict === "error" ? "errored" : "failed"}`),
    ...errored.map((o) => `  ${o.id}: error: ${o.error}`),
  ].join("\n") + "\n";
}
