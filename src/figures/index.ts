/** Every registered figure of the toolkit, by result. */
import type { FigureDef } from "../plot/types";
import { reuseFigures } from "./reuse";
import { skillsFigures } from "./skills";
import { proxyFigures } from "./proxy";
import { reuseTransformerFigures } from "./reuseTransformer";
import { proxyTransformerFigures } from "./proxyTransformer";
import { skillsTransformerFigures } from "./skillsTransformer";

export const figures: FigureDef[] = [...reuseFigures, ...skillsFigures, ...proxyFigures, ...reuseTransformerFigures, ...skillsTransformerFigures, ...proxyTransformerFigures];

/** Figures whose result or id matches `only` (comma-separated; all when absent). */
export function selectFigures(only?: string): FigureDef[] {
  if (!only) return figures;
  const keys = only.split(",").map((s) => s.trim());
  return figures.filter((f) => keys.some((k) => f.result === k || f.id === k || f.id.startsWith(k)));
}
