/** Every registered claim of the toolkit, by result. */
import type { Claim } from "./core/claim";
import { reuseClaims } from "../theory/reuse/claims";
import { skillsClaims } from "./run/skills";
import { proxyClaims } from "../theory/proxy/claims";
import { reuseTransformerClaims } from "./experiments/reuse/claims";
import { proxyTransformerClaims } from "./experiments/proxy/claims";
import { skillsTransformerClaims } from "./experiments/skills/claims";

/** All claims, in report order. */
export const claims: Claim[] = [...reuseClaims, ...skillsClaims, ...proxyClaims, ...reuseTransformerClaims, ...skillsTransformerClaims, ...proxyTransformerClaims];

/** The results that have claims. */
export const claimResults = (): string[] => [...new Set(claims.map((c) => c.result))];
