// /beheer/audit: the audit log, read only, paged, filtered by school and entity.
import { Select } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { actionLabel, entityLabel } from "#views/components/audit-labels";
import { FIELD_LABELS, showValue } from "#views/partials/school/history";
import { adminHead, AdminNav, Pager } from "./nav";

export type AuditRow = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: string;
  requestId: string | null;
  schoolId: string | null;
  schoolName: string | null;
  actorEmail: string | null;
  actorName: string | null;
  /** The assessor's or school's name (a user's e-mail, a crebo) as it is now. */
  entityName: string | null;
};

/** The stored JSON of the changes, shown compactly ("field: from → to"). */
function changesText(changes: string): string {
  try {
    const parsed = JSON.parse(changes) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => {
        if (v && typeof v === "object" && "from" in v && "to" in v) {
          const fromTo = v as { from: unknown; to: unknown };
          return `${FIELD_LABELS[k] ?? k}: ${showValue(fromTo.from)} → ${showValue(fromTo.to)}`;
        }
        return `${FIELD_LABELS[k] ?? k}: ${showValue(v)}`;
      })
      .join("; ");
  } catch {
    return changes;
  }
}

export const adminAuditHead = adminHead("Auditlog");

export function AdminAuditPage(props: {
  items: AuditRow[];
  total: number;
  page: number;
  perPage: number;
  filter: { school?: string; entity?: string };
  schools: { id: string; name: string }[];
  entities: string[];
}) {
  return (
    <>
      <AdminNav current="/beheer/audit" />
      <h1 class="page-title">Auditlog</h1>
      <p class="lead">
        Elke wijziging in het register, nieuwste eerst. Het log kan niet worden aangepast.
      </p>
      <form method="get" action="/beheer/audit" class="filters">
        <Select
          name="school"
          label="School"
          value={props.filter.school ?? ""}
          emptyLabel="Alle scholen"
          options={props.schools.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          name="entity"
          label="Soort"
          value={props.filter.entity ?? ""}
          emptyLabel="Alle soorten"
          options={props.entities.map((e) => ({ value: e, label: entityLabel(e) }))}
        />
        <div class="form-actions">
          <button type="submit" class="button secondary">
            Filteren
          </button>
        </div>
      </form>
      <p class="muted">{props.total} regels.</p>
      {/* Focusable, so that the wide table can be scrolled with the keyboard. */}
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="audit-caption">
        <table class="table wide audit-table">
          <caption class="visually-hidden" id="audit-caption">
            Auditlog (schuif opzij voor alle kolommen)
          </caption>
          <thead>
            <tr>
              <th scope="col">Moment</th>
              <th scope="col">Wie</th>
              <th scope="col">School</th>
              <th scope="col">Actie</th>
              <th scope="col">Wat</th>
              <th scope="col">Wijzigingen</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((r) => (
              <tr>
                <td>{formatMoment(r.at, { time: true })}</td>
                <td>{r.actorEmail ?? "systeem"}</td>
                <td>{r.schoolName ?? "—"}</td>
                <td data-action={r.action}>{actionLabel(r.entity, r.action)}</td>
                <td>
                  {entityLabel(r.entity)}
                  {r.entityName ? (
                    <>
                      {": "}
                      <strong>{r.entityName}</strong>
                    </>
                  ) : null}
                  {r.entityId ? <span class="muted small audit-id"> {r.entityId}</span> : null}
                </td>
                <td class="small">{changesText(r.changes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        base="/beheer/audit"
        params={{ school: props.filter.school, entity: props.filter.entity }}
        page={props.page}
        perPage={props.perPage}
        total={props.total}
      />
    </>
  );
}
