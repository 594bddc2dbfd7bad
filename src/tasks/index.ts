/**
 * Synthetic tasks for small transformers: S5 state
 * tracking, word problems over small groups, held-out splits of a tuple space, multi-step modular arithmetic, multi-hop and one-hop QA, a Zipf synthetic language with
 * a fixed N-token corpus for multi-epoch studies, a Zipf facts language (the reuse study's), skill distributions, batching, independent
 * evaluators, and data recipes (mixtures with quality and duplication knobs).
 */
export * from "./task";
export * from "./skillDistribution";
export * from "./batch";
export * from "./evaluators";
export * from "./s5";
export * from "./groupWord";
export * from "./heldOut";
export * from "./modularArithmetic";
export * from "./multiHopQa";
export * from "./zipfLanguage";
export * from "./zipfFacts";
export * from "./corpus";
export * from "./mixture";
export * from "./recipe";
