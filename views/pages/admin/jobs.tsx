// /beheer/taken: the jobs that run by themselves, when each last ran and the recent runs.
import { Notice } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { adminHead, AdminNav } from "./nav";

export type JobRunView = {
  id: number;
  job: string;
  runner: string;
  startedAt: string;
  finishedAt: string | null;
  result: "running" | "ok" | "error" | "skipped";
  counts: string;
  error: string | null;
};

export type JobSummary = { job: string; last: JobRunView | null };

export const JOB_LABELS: Record<string, { label: string; when: string }> = {
  outbox: { label: "E-mail versturen", when: "Doorlopend, direct na elke nieuwe e-mail" },
  reminders: { label: "Herinneringen (90 en 30 dagen)", when: "Dagelijks om 07:00" },
  retention: { label: "Bewaartermijn afgemelde beoordelaars", when: "Dagelijks, 's nachts" },
  purge: {
    label: "Opruimen (idempotency-sleutels, inlogpogingen, sessies)",
    when: "Elk uur (op Workers dagelijks)",
  },
};

const labelOf = (job: string) => JOB_LABELS[job]?.label ?? job;

const RESULT_LABELS: Record<JobRunView["result"], string> = {
  running: "Bezig",
  ok: "Gelukt",
  error: "Mislukt",
  skipped: "Overgeslagen (liep al)",
};

const RESULT_CLASS: Record<JobRunView["result"], string> = {
  running: "status-deregistered",
  ok: "status-qualified",
  error: "status-lapsed",
  skipped: "status-expiring",
};

const COUNT_LABELS: Record<string, string> = {
  sent: "verstuurd",
  retried: "later opnieuw",
  failed: "mislukt",
  queued: "in de wachtrij gezet",
  erased: "gewist",
  idempotencyKeys: "idempotency-sleutels",
  throttleEvents: "inlogpogingen",
  jobRuns: "oude taakregels",
};

function countsText(counts: string): string {
  try {
    const parsed = JSON.parse(counts) as Record<string, number>;
    const parts = Object.entries(parsed).map(([k, n]) => `${n} ${COUNT_LABELS[k] ?? k}`);
    return parts.length ? parts.join(", ") : "—";
  } catch {
    return counts;
  }
}

function Result(props: { run: JobRunView }) {
  return (
    <span class={`badge ${RESULT_CLASS[props.run.result]}`}>{RESULT_LABELS[props.run.result]}</span>
  );
}

export const adminJobsHead = adminHead("Taken");

export function AdminJobsPage(props: { jobs: JobSummary[]; runs: JobRunView[] }) {
  const failing = props.jobs.filter((j) => j.last?.result === "error");
  return (
    <>
      <AdminNav current="/beheer/taken" />
      <h1 class="page-title">Taken</h1>
      <p class="lead">
        Deze taken voert het register zelf uit. Met{" "}
        <code>npm run cli -- jobs run &lt;naam&gt;</code> start u er één met de hand.
      </p>
      {failing.length ? (
        <Notice kind="warning">
          De laatste keer mislukt: {failing.map((j) => labelOf(j.job)).join(", ")}. Zie de fout
          hieronder.
        </Notice>
      ) : null}
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">Taken en hun laatste uitvoering</caption>
          <thead>
            <tr>
              <th scope="col">Taak</th>
              <th scope="col">Wanneer</th>
              <th scope="col">Laatst uitgevoerd</th>
              <th scope="col">Resultaat</th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((j) => (
              <tr>
                <td>
                  {labelOf(j.job)}
                  <div class="small muted">{j.job}</div>
                </td>
                <td>{JOB_LABELS[j.job]?.when ?? "—"}</td>
                <td>{j.last ? formatMoment(j.last.startedAt, { time: true }) : "nog niet"}</td>
                <td>
                  {j.last ? (
                    <>
                      <Result run={j.last} />
                      <div class="small">{countsText(j.last.counts)}</div>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Laatste uitvoeringen</h2>
      {props.runs.length === 0 ? <p class="muted">Er zijn nog geen taken uitgevoerd.</p> : null}
      <div class="table-wrap">
        <table class="table wide">
          <caption class="visually-hidden">Laatste uitvoeringen van taken</caption>
          <thead>
            <tr>
              <th scope="col">Taak</th>
              <th scope="col">Begin</th>
              <th scope="col">Einde</th>
              <th scope="col">Resultaat</th>
              <th scope="col">Aantallen</th>
              <th scope="col">Fout</th>
            </tr>
          </thead>
          <tbody>
            {props.runs.map((r) => (
              <tr>
                <td>{labelOf(r.job)}</td>
                <td>{formatMoment(r.startedAt, { time: true })}</td>
                <td>{formatMoment(r.finishedAt, { time: true })}</td>
                <td>
                  <Result run={r} />
                </td>
                <td class="small">{countsText(r.counts)}</td>
                <td class="small break">{r.error ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
