/** A folder of results under src/: the unit the registry (src/registry.ts) lists. */
import type { Claim } from "./claim";
import type { FigureDef } from "./figure";
import type { ResultDef } from "./result";

/** One folder of results under src/: what it declares (the registry in src/registry.ts lists the folders). */
export interface ResultFolder {
  /** the folder name, also the prefix of every id in it */
  name: string;
  /** the paper result it implements, in a few words */
  title: string;
  results: readonly ResultDef<any, any>[];
  claims: readonly Claim[];
  figures: readonly FigureDef[];
  /** its transformer study, run by `datalaws study <name>` */
  study?: ResultDef<any, any>;
}
