/**
 * Claims: one checkable statement of a paper, stated once and run by tests, notebooks, the CLI
 * (`datalaws check`) and the report alike.
 */

/** Scale of a computation: `ci` (reduced, seconds), `small` (default, minutes on 2 CPU cores), `paper` (GPU / long). */
export type Scale = "ci" | "small" | "paper";
export const SCALES: readonly Scale[] = ["ci", "small", "paper"];

/** The value for a scale: `pickByScale(scale, ciValue, smallValue, paperValue)`. */
export function pickByScale<T>(scale: Scale, ci: T, small: T, paper: T): T {
  return scale === "ci" ? ci : scale === "small" ? small : paper;
}

/** The evidence a claim's check produces. */
export interface Evidence {
  /** The measured value (a number, or a short list/record of numbers). */
  measured: number | number[] | Record<string, number>;
  /** The value the paper or the theory predicts. */
  predicted: number | number[] | Record<string, number> | string;
  /** The tolerance the verdict used, in words or as a number. */
  tolerance: number | string;
  verdict: "pass" | "fail";
  /** The numbers behind the verdict (grids, fits, standard errors…). */
  details?: Record<string, unknown>;
}

/** A checkable statement of a paper. */
export interface Claim {
  /** Stable id, `<result>.<slug>`, e.g. `reuse.plateau-log-slope`. */
  id: string;
  /** Which result the claim belongs to: `reuse`, `skills`, `proxy`. */
  result: string;
  /** Paper and theorem, e.g. `Yan et al. 2025 (arXiv 2511.13421), Thm 4.2`. */
  paper: string;
  /** The statement in one sentence. */
  statement: string;
  /** Compute the evidence at a scale. */
  check(scale: Scale): Promise<Evidence> | Evidence;
}

/** A claim's evidence together with its identity, as printed by `datalaws check --json`. */
export interface ClaimOutcome extends Evidence {
  id: string;
  paper: string;
  statement: string;
  seconds: number;
}

/** Run one claim, timing it; an exception becomes a failing outcome that carries the message. */
export async function runClaim(claim: Claim, scale: Scale): Promise<ClaimOutcome> {
  const t0 = Date.now();
  try {
    const ev = await claim.check(scale);
    return { id: claim.id, paper: claim.paper, statement: claim.statement, ...ev, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      id: claim.id,
      paper: claim.paper,
      statement: claim.statement,
      measured: NaN,
      predicted: "",
      tolerance: "",
      verdict: "fail",
      details: { error: msg },
      seconds: (Date.now() - t0) / 1000,
    };
  }
}

/** Verdict helper: |measured − predicted| ≤ tol. */
export function within(measured: number, predicted: number, tol: number): "pass" | "fail" {
  return Number.isFinite(measured) && Math.abs(measured - predicted) <= tol ? "pass" : "fail";
}
