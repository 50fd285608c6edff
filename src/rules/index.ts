// The register's pure rule modules: criteria for assessors and the school-exam rules.
export * from "./dates";
export * from "./assessor-status";
