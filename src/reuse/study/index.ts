/** The transformer reuse study (E(K,N) of a small GPT on the Zipf facts language): configs, data, measurement, the study result, its curves as tables, claims, figures. */
export * from "./config";
export * from "./data";
export * from "./measure";
export * from "./study";
export * from "./curves";
export * from "./claims";
export * from "./figures";
