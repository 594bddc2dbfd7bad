/** The transformer proxy study (recipe rankings of small proxies over a learning-rate sweep vs tuned targets): configs, data, the study result, claims, figures. */
export * from "./config";
export * from "./data";
export * from "./study";
export * from "./claims";
export * from "./figures";
