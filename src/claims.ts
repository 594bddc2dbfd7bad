/** Every registered claim of the toolkit, by result. */
import type { Claim } from "./core/claim";
import { reuseClaims } from "./reuse/claims";
import { skillsClaims } from "./skills/sgdSweep";
import { proxyClaims } from "./proxy/claims";
import { reuseTransformerClaims } from "./reuse/study/claims";
import { proxyTransformerClaims } from "./proxy/study/claims";
import { skillsTransformerClaims } from "./skills/study/claims";

/** All claims, in report order. */
export const claims: Claim[] = [...reuseClaims, ...skillsClaims, ...proxyClaims, ...reuseTransformerClaims, ...skillsTransformerClaims, ...proxyTransformerClaims];

/** The results that have claims. */
export const claimResults = (): string[] => [...new Set(claims.map((c) => c.result))];
