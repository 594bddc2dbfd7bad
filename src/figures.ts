/** Every registered figure of the toolkit, by result. */
import type { FigureDef } from "./plot/types";
import { reuseFigures } from "./reuse/figures";
import { skillsFigures } from "./skills/figures";
import { proxyFigures } from "./proxy/figures";
import { reuseTransformerFigures } from "./reuse/study/figures";
import { proxyTransformerFigures } from "./proxy/study/figures";
import { skillsTransformerFigures } from "./skills/study/figures";

export const figures: FigureDef[] = [...reuseFigures, ...skillsFigures, ...proxyFigures, ...reuseTransformerFigures, ...skillsTransformerFigures, ...proxyTransformerFigures];

/** Figures whose result or id matches `only` (comma-separated; all when absent). */
export function selectFigures(only?: string): FigureDef[] {
  if (!only) return figures;
  const keys = only.split(",").map((s) => s.trim());
  return figures.filter((f) => keys.some((k) => f.result === k || f.id === k || f.id.startsWith(k)));
}
