// /beheer: pending account requests (approve/refuse) and the schools (suspend/reactivate).
import { describedBy, Notice } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { adminHead, AdminNav } from "./nav";

export type PendingRequest = {
  id: string;
  schoolName: string;
  brin: string | null;
  placeName: string | null;
  municipality: string | null;
  contactName: string;
  email: string;
  motivation: string;
  createdAt: string;
};

export type SchoolSummary = {
  id: string;
  name: string;
  brin: string | null;
  status: "active" | "suspended";
  placeName: string | null;
  userCount: number;
  createdAt: string;
};

export const adminOverviewHead = adminHead("Beheer");

export function AdminOverviewPage(props: {
  requests: PendingRequest[];
  schools: SchoolSummary[];
  notice?: string;
  warning?: string;
  /** A refusal without reason: the request id and the message. */
  refuseError?: { requestId: string; message: string; reason?: string };
}) {
  return (
    <>
      <AdminNav current="/beheer" />
      <h1 class="page-title">Beheer van het register</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.warning ? <Notice kind="warning">{props.warning}</Notice> : null}

      <h2 id="aanvragen">Accountaanvragen ({props.requests.length})</h2>
      {props.requests.length === 0 ? (
        <p class="muted">Er zijn geen openstaande aanvragen.</p>
      ) : null}
      <div class="request-list">
        {props.requests.map((r) => {
          const error = props.refuseError?.requestId === r.id ? props.refuseError : undefined;
          const fieldId = `reason-${r.id}`;
          return (
            <article class="panel request" aria-labelledby={`request-${r.id}`}>
              <h3 id={`request-${r.id}`}>{r.schoolName}</h3>
              <dl class="meta-list">
                <dt>BRIN</dt>
                <dd>{r.brin ?? "—"}</dd>
                <dt>Plaats</dt>
                <dd>{r.placeName ? `${r.placeName} (gemeente ${r.municipality})` : "—"}</dd>
                <dt>Contactpersoon</dt>
                <dd class="break">
                  {r.contactName} · {r.email}
                </dd>
                <dt>Ontvangen</dt>
                <dd>{formatMoment(r.createdAt, { time: true })}</dd>
              </dl>
              {r.motivation ? <p class="motivation">{r.motivation}</p> : null}
              <div class="request-actions">
                <form method="post" action={`/beheer/aanvragen/${r.id}/goedkeuren`}>
                  <button type="submit" class="button">
                    Goedkeuren en uitnodigen
                  </button>
                </form>
                <form
                  method="post"
                  action={`/beheer/aanvragen/${r.id}/weigeren`}
                  class="refuse-form"
                  novalidate
                >
                  <div class={error ? "field has-error" : "field"}>
                    <label for={fieldId}>Reden van weigering</label>
                    <p class="hint" id={`${fieldId}-hint`}>
                      Deze reden wordt naar de aanvrager gemaild.
                    </p>
                    {error ? (
                      <p class="field-error" id={`${fieldId}-error`}>
                        {error.message}
                      </p>
                    ) : null}
                    <textarea
                      id={fieldId}
                      name="reason"
                      rows={2}
                      maxlength={1000}
                      aria-invalid={error ? "true" : undefined}
                      aria-describedby={describedBy(fieldId, error?.message, "hint")}
                    >
                      {error?.reason ?? ""}
                    </textarea>
                  </div>
                  <button type="submit" class="button secondary">
                    Weigeren
                  </button>
                </form>
              </div>
            </article>
          );
        })}
      </div>

      <h2 id="scholen">Scholen ({props.schools.length})</h2>
      {props.schools.length === 0 ? (
        <p class="muted">Er zijn nog geen scholen.</p>
      ) : (
        <div class="table-wrap">
          <table class="table wide">
            <caption class="visually-hidden">Scholen met een account</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">BRIN</th>
                <th scope="col">Plaats</th>
                <th scope="col">Gebruikers</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.schools.map((s) => (
                <tr>
                  <td>
                    <a href={`/beheer/scholen/${s.id}`}>{s.name}</a>
                  </td>
                  <td>{s.brin ?? "—"}</td>
                  <td>{s.placeName ?? "—"}</td>
                  <td>{s.userCount}</td>
                  <td>
                    <span
                      class={
                        s.status === "active" ? "badge status-qualified" : "badge status-lapsed"
                      }
                    >
                      {s.status === "active" ? "Actief" : "Opgeschort"}
                    </span>
                  </td>
                  <td>
                    <SchoolStatusForm school={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function SchoolStatusForm(props: {
  school: { id: string; name: string; status: "active" | "suspended" };
}) {
  const s = props.school;
  return s.status === "active" ? (
    <form method="post" action={`/beheer/scholen/${s.id}/opschorten`} class="inline-form">
      <button type="submit" class="button small danger" aria-label={`${s.name} opschorten`}>
        Opschorten
      </button>
    </form>
  ) : (
    <form method="post" action={`/beheer/scholen/${s.id}/heractiveren`} class="inline-form">
      <button type="submit" class="button small secondary" aria-label={`${s.name} heractiveren`}>
        Heractiveren
      </button>
    </form>
  );
}
