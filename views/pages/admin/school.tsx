// /beheer/scholen/{id}: one school, its users and its status.
import type { Role } from "#src/env";
import { Notice } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { adminHead, AdminNav } from "./nav";
import { SchoolStatusForm } from "./overview";

const roleNames: Record<Role, string> = {
  admin: "Beheerder register",
  school_admin: "Beheerder",
  staff: "Medewerker",
};

export const adminSchoolHead = (name: string) => adminHead(name);

export function AdminSchoolPage(props: {
  school: {
    id: string;
    name: string;
    brin: string | null;
    status: "active" | "suspended";
    createdAt: string;
    suspendedAt: string | null;
  };
  users: {
    id: string;
    name: string;
    email: string;
    role: Role;
    createdAt: string;
    disabledAt: string | null;
  }[];
  notice?: string;
}) {
  const s = props.school;
  return (
    <>
      <AdminNav current="" />
      <p>
        <a href="/beheer#scholen">← Alle scholen</a>
      </p>
      <h1 class="page-title">{s.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="meta-list">
        <dt>BRIN</dt>
        <dd>{s.brin ?? "—"}</dd>
        <dt>Account sinds</dt>
        <dd>{formatMoment(s.createdAt)}</dd>
        <dt>Status</dt>
        <dd>
          {s.status === "active" ? "Actief" : `Opgeschort sinds ${formatMoment(s.suspendedAt)}`}
        </dd>
      </dl>
      <p>
        <SchoolStatusForm school={s} />
      </p>
      {s.status === "suspended" ? (
        <Notice kind="warning">
          <p>
            Gebruikers van deze school kunnen niet inloggen en hun API-tokens werken niet, tot u de
            school heractiveert.
          </p>
        </Notice>
      ) : null}
      <h2>Gebruikers</h2>
      <div class="table-wrap">
        <table class="table wide">
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Rol</th>
              <th scope="col">Sinds</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td>{u.name || "—"}</td>
                <td>{u.email}</td>
                <td>{roleNames[u.role]}</td>
                <td>{formatMoment(u.createdAt)}</td>
                <td>{u.disabledAt ? `Verwijderd op ${formatMoment(u.disabledAt)}` : "Actief"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/beheer/audit?school=${s.id}`}>Auditlog van deze school</a>
      </p>
    </>
  );
}
