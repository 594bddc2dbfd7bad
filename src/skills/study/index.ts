/** The transformer skills study (uniform vs power-law skill frequencies): configs, data, runner, claims. */
export * from "./config";
export * from "./data";
export * from "./gradient";
export * from "./landscape";
export * from "./study";
export * from "./claims";
export * from "./figures";
