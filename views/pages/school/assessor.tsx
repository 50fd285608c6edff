// /school/beoordelaars/{id}: the assessor's profile for schools. ProfileContent (#profiel) is
// also the htmx partial every profile form swaps, so status, bar and timeline update together.
import type { HistoryEntry } from "#src/queries/assessor-history";
import type { AssessorRecord } from "#src/queries/assessor-record";
import { componentLabels, type TrainingComponent } from "#src/rules/assessor-input";
import { Notice } from "#views/components/form";
import { schoolHead, SchoolNav, StatusBadge, dutchDate } from "#views/partials/school/common";
import { History } from "#views/partials/school/history";
import {
  ConsentForm,
  DeregistrationForm,
  EraseForm,
  ExaminationForm,
  LinkForm,
  RefresherForm,
  UndoDeregistrationForm,
  deregisteredNotice,
  emptyForm,
  type FormState,
} from "#views/partials/school/profile-forms";
import { StatusBar } from "#views/partials/school/status-bar";
import { Timeline } from "#views/partials/school/timeline";

export type ProfileForms = Partial<
  Record<"exam" | "refresher" | "consent" | "deregistration" | "erase", FormState>
>;

export type ProfileView = {
  /** the viewer is the register office (reads every assessor, writes nothing) */
  isAdmin: boolean;
  /** the viewer's school, to mark its own entries in the timeline */
  mySchoolId: string | null;
  record: AssessorRecord;
  history: HistoryEntry[];
  /** may log examinations and bijscholing (a linked school) */
  canWrite: boolean;
  /** may change personal and contact fields, consent and afmelding (registering school, admin) */
  canManage: boolean;
  canUndoDeregistration: boolean;
  mayErase: boolean;
  today: string;
  expiringDays: number;
  notice?: string;
  forms?: ProfileForms;
};

function Details(props: { record: AssessorRecord }) {
  const r = props.record;
  return (
    <section class="panel details" aria-labelledby="details-title">
      <h2 id="details-title">Gegevens</h2>
      <dl class="meta-list">
        <dt>E-mailadres</dt>
        <dd>{r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : "—"}</dd>
        <dt>Telefoon</dt>
        <dd>{r.phone ? <a href={`tel:${r.phone.replace(/[^+\d]/g, "")}`}>{r.phone}</a> : "—"}</dd>
        <dt>Organisatie</dt>
        <dd>{r.organisation || "—"}</dd>
        <dt>Plaatsen</dt>
        <dd>
          {r.places.length ? r.places.map((p) => `${p.name} (${p.province})`).join(", ") : "—"}
        </dd>
        <dt>Crebo's</dt>
        <dd>
          <ul class="plain">
            {r.crebos.map((c) => (
              <li>
                {c.code} {c.name}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Initiële scholing</dt>
        <dd>
          {dutchDate(r.initial_training.date)}
          {r.initial_training.provider ? `, ${r.initial_training.provider}` : ""}
          <ul class="plain small muted">
            {r.initial_training.components.map((c) => (
              <li>✓ {componentLabels[c as TrainingComponent] ?? c}</li>
            ))}
          </ul>
        </dd>
        <dt>Openbaar</dt>
        <dd>{r.public_consent ? "Ja, met toestemming" : "Nee, geen toestemming"}</dd>
        <dt>Geregistreerd door</dt>
        <dd>{r.registering_school.name}</dd>
        <dt>Gekoppelde scholen</dt>
        <dd>
          <ul class="plain">
            {r.schools.map((s) => (
              <li>
                {s.name}{" "}
                <span class="muted small">sinds {dutchDate(s.linked_at.slice(0, 10))}</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

export function ProfileContent(v: ProfileView) {
  const r = v.record;
  const forms = v.forms ?? {};
  const deregistered = r.deregistered_on !== null;
  return (
    <div id="profiel" class="profile-school">
      <p class="small back">
        <a href="/school">← Terug naar het overzicht</a>
      </p>
      <header class="profile-head">
        <div>
          <h1 class="page-title">{r.name}</h1>
          <p class="head-meta">
            <StatusBadge status={r.status} />{" "}
            {r.organisation ? <span class="muted">{r.organisation}</span> : null}
          </p>
        </div>
        <div class="head-actions">
          {v.canManage ? (
            <a class="button secondary" href={`/school/beoordelaars/${r.id}/bewerken`}>
              Gegevens bewerken
            </a>
          ) : null}
          <a class="button secondary" href={`/school/beoordelaars/${r.id}/inzage`}>
            Inzage (AVG)
          </a>
        </div>
      </header>
      {v.notice ? (
        <Notice kind="success" focus>
          {v.notice}
        </Notice>
      ) : null}
      {r.erased_at ? (
        <Notice kind="warning">
          <p>
            De persoonsgegevens van deze beoordelaar zijn gewist op{" "}
            {dutchDate(r.erased_at.slice(0, 10))}. Alleen de registratie en de aantallen zijn
            bewaard.
          </p>
        </Notice>
      ) : null}
      {deregistered ? (
        <Notice kind="warning">
          <p>
            {deregisteredNotice(r)} Alleen de school die de beoordelaar registreerde en het
            registerbureau zien deze gegevens nog.
          </p>
          {v.canUndoDeregistration ? <UndoDeregistrationForm record={r} /> : null}
        </Notice>
      ) : null}
      {!v.canWrite && !v.isAdmin && !r.erased_at ? (
        <Notice kind="info">
          <p>
            Uw school is niet gekoppeld aan deze beoordelaar: u kunt de gegevens inzien maar niet
            wijzigen. Werkt de beoordelaar ook voor uw school? Koppel hem of haar dan aan uw school.
          </p>
          <LinkForm record={r} />
        </Notice>
      ) : null}
      {v.canWrite && !v.canManage ? (
        <Notice kind="info">
          <p>
            Uw school registreert examens en bijscholingen van deze beoordelaar. Persoons- en
            contactgegevens, plaatsen, crebo's, toestemming en afmelding beheert de school die de
            beoordelaar registreerde ({r.registering_school.name}). Ziet u een fout? Neem dan
            contact op met die school.
          </p>
        </Notice>
      ) : null}
      <div class="profile-grid">
        <section class="panel">
          <StatusBar record={r} on={v.today} expiringDays={v.expiringDays} />
        </section>
        <Details record={r} />
      </div>
      {v.canWrite ? (
        <section class="panel log-forms" aria-labelledby="log-title">
          <h2 id="log-title">Activiteit registreren</h2>
          <div class="grid-2">
            <ExaminationForm record={r} today={v.today} state={forms.exam ?? emptyForm} />
            <RefresherForm record={r} today={v.today} state={forms.refresher ?? emptyForm} />
          </div>
        </section>
      ) : null}
      <section class="panel">
        <Timeline record={r} mySchoolId={v.mySchoolId} canWrite={v.canWrite} />
      </section>
      {v.canManage ? (
        <section class="panel record-forms" aria-labelledby="manage-title">
          <h2 id="manage-title">Toestemming en afmelding</h2>
          <div class="grid-2">
            <ConsentForm record={r} state={forms.consent ?? emptyForm} />
            {deregistered ? null : (
              <DeregistrationForm
                record={r}
                today={v.today}
                state={forms.deregistration ?? emptyForm}
              />
            )}
          </div>
        </section>
      ) : null}
      {v.mayErase && !r.erased_at ? (
        <section class="panel danger-zone">
          <EraseForm record={r} state={forms.erase ?? emptyForm} />
        </section>
      ) : null}
      <section class="panel">
        <History entries={v.history} />
      </section>
    </div>
  );
}

export const assessorHead = (name: string) => schoolHead(name, { script: true });

export function AssessorPage(v: ProfileView) {
  return (
    <>
      <SchoolNav current="" isAdmin={v.isAdmin} />
      <ProfileContent {...v} />
    </>
  );
}
