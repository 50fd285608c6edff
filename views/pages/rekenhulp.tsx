// /rekenhulp: the grade calculator. Each section's result block is also its htmx partial.
import type {
  DeadlineForm,
  ExamResultForm,
  ExamTimesForm,
  FinalGradeForm,
  SchoolExamForm,
} from "#src/rules/rekenhulp";
import type { PageHead } from "#views/layout";
import { ExamResultSection } from "#views/partials/rekenhulp/exam-result";
import { FinalGradeSection } from "#views/partials/rekenhulp/final-grade";
import { SchoolExamSection } from "#views/partials/rekenhulp/school-exam";
import { DeadlineSection, ExamTimesSection } from "#views/partials/rekenhulp/times";

export { ExamResultOutcome, ExamResultSection } from "#views/partials/rekenhulp/exam-result";
export { FinalGradeResult, FinalGradeSection } from "#views/partials/rekenhulp/final-grade";
export { SchoolExamResult, SchoolExamSection } from "#views/partials/rekenhulp/school-exam";
export {
  DeadlineResult,
  DeadlineSection,
  ExamTimesResult,
  ExamTimesSection,
} from "#views/partials/rekenhulp/times";

export type RekenhulpState = {
  schoolExam: SchoolExamForm;
  finalGrade: FinalGradeForm;
  examResult: ExamResultForm;
  deadline: DeadlineForm;
  examTimes: ExamTimesForm;
};

export const rekenhulpHead: PageHead = {
  title: "Rekenhulp examencijfers",
  current: "/rekenhulp",
  styles: ["/static/rekenhulp.css"],
};

export function RekenhulpPage(props: { state: RekenhulpState }) {
  const { state } = props;
  return (
    <>
      <h1 class="page-title">Rekenhulp examencijfers</h1>
      <p class="lead">
        Reken cijfers voor het schoolexamen, eindcijfers en de uitslag na volgens de regels van het
        examenreglement voor mavo, havo en vwo, en bereken termijnen in werkdagen. De rekenhulp is
        een hulpmiddel: de school stelt de cijfers en de uitslag vast.
      </p>
      <nav class="calc-nav" aria-label="Onderdelen van de rekenhulp">
        <ul>
          <li>
            <a href="#schoolexamen">Schoolexamencijfer</a>
          </li>
          <li>
            <a href="#eindcijfer">Eindcijfer</a>
          </li>
          <li>
            <a href="#uitslag">Geslaagd of afgewezen</a>
          </li>
          <li>
            <a href="#termijn">Termijn in werkdagen</a>
          </li>
          <li>
            <a href="#toetstijd">Verlenging en te laat komen</a>
          </li>
        </ul>
      </nav>
      <SchoolExamSection form={state.schoolExam} />
      <FinalGradeSection form={state.finalGrade} />
      <ExamResultSection form={state.examResult} />
      <DeadlineSection form={state.deadline} />
      <ExamTimesSection form={state.examTimes} />
      <p class="small muted">
        Dezelfde berekeningen zijn beschikbaar als JSON-API:{" "}
        <code>POST /api/v1/rules/school-exam-grade</code>, <code>/api/v1/rules/final-grade</code> en{" "}
        <code>/api/v1/rules/exam-result</code>.
      </p>
    </>
  );
}
