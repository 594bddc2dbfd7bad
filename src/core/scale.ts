/** Scale of a computation: `ci` (seconds to a couple of minutes), `small` (default, minutes on 2 CPU cores), `paper` (GPU / long). */
export type Scale = "ci" | "small" | "paper";
export const SCALES: readonly Scale[] = ["ci", "small", "paper"];

/** The value for a scale: `pickByScale(scale, ciValue, smallValue, paperValue)`. */
export function pickByScale<T>(scale: Scale, ci: T, small: T, paper: T): T {
  return scale === "ci" ? ci : scale === "small" ? small : paper;
}
