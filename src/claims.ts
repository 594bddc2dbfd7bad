/** Every registered claim of the toolkit, by result. */
import type { Claim } from "./core/claim";
import { reuseClaims } from "../theory/reuse/claims";

/** All claims, in report order. */
export const claims: Claim[] = [...reuseClaims];

/** The results that have claims. */
export const claimResults = (): string[] => [...new Set(claims.map((c) => c.result))];
