// The two three-year windows (examination, bijscholing) on one time axis with today and the
// deadline. Drawn with SVG attributes (no inline styles: CSP); the text says the same in words.
import type { AssessorRecord } from "#src/queries/assessor-record";
import { daysBetween } from "#src/rules";
import { daysText, dutchDate } from "./common";

/** The start of a window: the latest log on or before `on`, never before the training date. */
function windowStart(start: string, dates: string[], on: string): string {
  const latest = dates
    .filter((d) => d <= on)
    .sort()
    .pop();
  return latest && latest > start ? latest : start;
}

export function StatusBar(props: { record: AssessorRecord; on: string; expiringDays: number }) {
  const r = props.record;
  const s = r.initial_training.date;
  const exam = {
    from: windowStart(
      s,
      r.examinations.map((e) => e.date),
      props.on,
    ),
    to: r.exam_valid_until,
  };
  const refresher = {
    from: windowStart(
      s,
      r.refresher_trainings.map((x) => x.date),
      props.on,
    ),
    to: r.refresher_valid_until,
  };
  const first = [exam.from, refresher.from, props.on].sort()[0];
  const last = [exam.to, refresher.to, props.on].sort().pop()!;
  const span = Math.max(1, daysBetween(first, last));
  const x = (date: string) => Math.round((daysBetween(first, date) / span) * 1000);
  const deregistered = r.status === "deregistered";
  const bar = (w: { from: string; to: string }, y: number, cls: string) => (
    <rect
      class={`window ${cls}${w.to < props.on ? " ended" : ""}`}
      x={x(w.from)}
      y={y}
      width={Math.max(4, x(w.to) - x(w.from))}
      height="22"
      rx="3"
    />
  );
  return (
    <section class="status-bar" aria-labelledby="status-bar-title">
      <h2 id="status-bar-title">Termijnen</h2>
      <svg
        class="windows"
        viewBox="0 0 1000 80"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <rect class="track" x="0" y="8" width="1000" height="22" />
        <rect class="track" x="0" y="48" width="1000" height="22" />
        {bar(exam, 8, "exam")}
        {bar(refresher, 48, "refresher")}
        <line
          class="deadline"
          x1={x(r.valid_until)}
          x2={x(r.valid_until)}
          y1="0"
          y2="80"
          vector-effect="non-scaling-stroke"
        />
        <line
          class="today"
          x1={x(props.on)}
          x2={x(props.on)}
          y1="0"
          y2="80"
          vector-effect="non-scaling-stroke"
        />
      </svg>
      <ul class="window-legend">
        <li class="legend-exam">
          <strong>Examen</strong>: {dutchDate(exam.from)} t/m {dutchDate(exam.to)}
        </li>
        <li class="legend-refresher">
          <strong>Bijscholing</strong>: {dutchDate(refresher.from)} t/m {dutchDate(refresher.to)}
        </li>
        <li class="legend-deadline">
          <strong>Uiterste datum</strong>: {dutchDate(r.valid_until)}
          {deregistered ? null : <> ({daysText(r.days_left)})</>}
        </li>
        <li class="legend-today">
          <strong>Vandaag</strong>: {dutchDate(props.on)}
        </li>
      </ul>
      {deregistered ? null : (
        <p class="meter-row">
          <label for="deadline-meter">Tijd tot de uiterste datum</label>
          <meter
            id="deadline-meter"
            min={0}
            max={1095}
            low={props.expiringDays}
            high={365}
            optimum={1095}
            value={Math.max(0, Math.min(1095, r.days_left))}
          >
            {daysText(r.days_left)}
          </meter>
        </p>
      )}
    </section>
  );
}
