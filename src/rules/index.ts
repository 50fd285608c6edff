// The register's pure rule modules: criteria for assessors and the school-exam rules (DESIGN §7).
export * from "./dates";
export * from "./assessor-status";
export { RuleInputError } from "./rule-error";
export {
  finalGrade,
  MAX_GRADE,
  MIN_GRADE,
  roundGrade,
  schoolExamGrade,
  type FinalGradeInput,
  type SchoolExamPart,
} from "./grades";
export {
  ASSESSMENTS,
  EXAM_LEVELS,
  examResult,
  type Assessment,
  type ExamLevel,
  type ExamResult,
  type ExamResultInput,
  type Subject,
} from "./exam-result";
export {
  addWorkingDays,
  DEADLINE_WORKING_DAYS,
  dutchPublicHolidayDates,
  dutchPublicHolidays,
  easterSunday,
  type PublicHoliday,
} from "./working-days";
export { extraTimeMinutes, lateAdmissionMinutes } from "./exam-times";
export {
  mayWrite,
  writerRelation,
  type AssessorWrite,
  type WriteVerdict,
  type WriterRelation,
} from "./assessor-writes";
