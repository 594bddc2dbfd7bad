/** The reuse planner: "how many epochs is my dataset worth?" from a user's one-pass loss curve (issue 17). */
export * from "./csv";
export * from "./checkCurve";
export * from "./model";
export * from "./fit";
export * from "./calibrate";
export * from "./plan";
export * from "./synthetic";
export * from "./results";
export * from "./claims";
export * from "./figures";
