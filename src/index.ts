// TEMPORARY public API stub (written by the notebook-tooling agent); the lead will extend it.
export * from "./core/rng";
export * from "./core/validate";
export * from "./core/spectra";
