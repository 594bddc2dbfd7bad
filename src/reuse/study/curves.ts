/**
 * The transformer reuse study's loss curves as plain tables — the inputs of the reuse planner
 * (`datalaws reuse plan --curve ONEPASS.csv --multi RUNS.csv`): the seed-mean one-pass curve
 * (`tokens,loss`) and every multi-epoch run's validation loss after each epoch
 * (`unique_tokens,epochs,loss`, seed means). Pure functions of the stored result; `toCsv` of
 * `src/run/tidy.ts` writes them.
 */
/** The parts of the study's result the tables read (the stored result satisfies it). */
export interface StudyCurves {
  K: number[];
  onePassMean: { tokens: number[]; valLoss: number[] };
  curves: ReadonlyArray<{ N: number; valLoss: number[] }>;
}

/** One point of the one-pass curve (a type, not an interface, so a row is a plain record for tables): validation loss after `tokens` fresh tokens (seed mean). */
export type OnePassRow = {
  tokens: number;
  loss: number;
};

/** One multi-epoch point: validation loss after `epochs` epochs over `unique_tokens` tokens (seed mean). */
export type MultiEpochRow = {
  unique_tokens: number;
  epochs: number;
  loss: number;
};

/** The seed-mean one-pass curve as measured (not the monotone fit). */
export function onePassRows(r: StudyCurves): OnePassRow[] {
  return r.onePassMean.tokens.map((t, i) => ({ tokens: t, loss: r.onePassMean.valLoss[i] }));
}

/** Every (N, K) point of the multi-epoch runs, seed means, N then K ascending. */
export function multiEpochRows(r: StudyCurves): MultiEpochRow[] {
  return r.curves.flatMap((c) => c.valLoss.map((loss, k) => ({ unique_tokens: c.N, epochs: r.K[k], loss })));
}
