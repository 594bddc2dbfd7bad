/** The transformer reuse study (E(K,N) of a small GPT on a Zipf language): configs, data, measurement, the study result, claims, figures. */
export * from "./config";
export * from "./data";
export * from "./measure";
export * from "./study";
export * from "./claims";
export * from "./figures";
