/** The transformer reuse study (E(K,N) of a small GPT on a Zipf language): configs, data, measurement, runner, claims. */
export * from "./config";
export * from "./data";
export * from "./measure";
export * from "./study";
export * from "./claims";
export * from "./register";
