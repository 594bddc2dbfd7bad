/** Every registered figure of the toolkit, by result. */
import type { FigureDef } from "../plot/types";
import { reuseFigures } from "./reuse";

export const figures: FigureDef[] = [...reuseFigures];

/** Figures whose result or id matches `only` (comma-separated; all when absent). */
export function selectFigures(only?: string): FigureDef[] {
  if (!only) return figures;
  const keys = only.split(",").map((s) => s.trim());
  return figures.filter((f) => keys.some((k) => f.result === k || f.id === k || f.id.startsWith(k)));
}
