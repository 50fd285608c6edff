// The rekenhulp's forms: read the posted text fields, check them (Dutch errors per field), calculate.
export * from "./common";
export * from "./grades";
export * from "./exam-result";
export * from "./times";
