/**
 * Claims: one checkable statement of a paper. A claim names the results it needs and turns them
 * into evidence — a pure function, run alike by tests, notebooks, `datalaws check` and the report.
 */
import type { Results, ResultDef } from "./result";
import type { Scale } from "./scale";

/** A claim's verdict on its evidence (an outcome may also be `error`: see ClaimOutcome). */
export type Verdict = "pass" | "fail";

/** The evidence a claim produces from its results. */
export interface Evidence {
  /** The measured value (a number, or a short list/record of numbers). */
  measured: number | number[] | Record<string, number>;
  /** The value the paper or the theory predicts. */
  predicted: number | number[] | Record<string, number> | string;
  /** The tolerance the verdict used, in words or as a number. */
  tolerance: number | string;
  verdict: Verdict;
  /** The numbers behind the verdict (grids, fits, standard errors…). */
  details?: Record<string, unknown>;
}

/** A checkable statement of a paper. */
export interface Claim {
  /** Stable id `<folder>.<slug>`, e.g. `reuse.plateau-log-slope-isotropic`: the folder src/reuse holds it. */
  id: string;
  /** Paper and theorem, e.g. `Yan et al. 2025 (arXiv 2511.13421), Thm 4.2`. */
  paper: string;
  /** The statement in one sentence. */
  statement: string;
  /** The results it is judged on. */
  needs: readonly ResultDef<any, any>[];
  /** Judge the statement on its results (pure: no computing, no files). */
  evidence(results: Results, scale: Scale): Evidence;
  /**
   * The claims that check this claim's premise — that the set-up can show the paper's mechanism at
   * all (a premise claim's id contains `premise`). When one of them does not pass, this claim is still
   * measured but its verdict is `inconclusive`: its pass or fail would say nothing about the paper.
   */
  premises?: readonly Claim[];
}

/** A claim's outcome as printed by `datalaws check --json`: its evidence, or the error that prevented it. */
export interface ClaimOutcome {
  id: string;
  paper: string;
  statement: string;
  /** `inconclusive`: a premise did not pass (see `premise`), so the claim's own verdict is withheld */
  verdict: Verdict | "inconclusive" | "error";
  measured?: Evidence["measured"];
  predicted?: Evidence["predicted"];
  tolerance?: Evidence["tolerance"];
  details?: Record<string, unknown>;
  /** why there is no evidence (a result failed, or the judgement threw) */
  error?: string;
  /** for an inconclusive claim: the premise that did not pass, its verdict, and what the claim's own verdict would have been */
  premise?: { id: string; verdict: ClaimOutcome["verdict"]; statement: string; withheld?: Verdict };
  /** seconds to compute its missing results and judge it */
  seconds: number;
}

/** Whether a claim id names a premise claim (`…premise…`). */
export const isPremiseId = (id: string): boolean => /(^|[.-])premise([.-]|$)/.test(id);

/** Verdict helper: |measured − predicted| ≤ tol. */
export function within(measured: number, predicted: number, tol: number): Verdict {
  return Number.isFinite(measured) && Math.abs(measured - predicted) <= tol ? "pass" : "fail";
}
