// /school/team: the school's users, open invites, and (for a school admin) invite and remove.
import type { Role } from "#src/env";
import { ErrorSummary, Input, Notice, Select, type FieldErrors } from "#views/components/form";
import { useSignedIn, type PageHead } from "#views/layout";
import { formatMoment } from "./format";
import { AccountNav } from "./nav";

export type TeamMember = { id: string; name: string; email: string; role: Role; createdAt: string };
export type OpenInvite = { id: string; email: string; role: Role | null; expiresAt: string };

const roleNames: Record<Role, string> = {
  admin: "Beheerder register",
  school_admin: "Beheerder",
  staff: "Medewerker",
};

export const teamHead: PageHead = {
  title: "Team",
  current: "/school",
  styles: ["/static/account.css"],
};

export function TeamPage(props: {
  members: TeamMember[];
  invites: OpenInvite[];
  values?: { email?: string; role?: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const auth = useSignedIn();
  const canManage = auth.role === "school_admin";
  const errors = props.errors ?? {};
  return (
    <>
      <AccountNav current="/school/team" isSchoolAdmin={canManage} />
      <h1 class="page-title">Team van {auth.school?.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ErrorSummary errors={errors} labels={{ email: "E-mailadres", role: "Rol" }} />
      <div class="table-wrap">
        <table class="table wide">
          <caption class="visually-hidden">Collega's met een account</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Rol</th>
              <th scope="col">Sinds</th>
              {canManage ? (
                <th scope="col">
                  <span class="visually-hidden">Acties</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr>
                <td>
                  {m.name || "—"}
                  {m.id === auth.user.id ? <span class="muted"> (u)</span> : null}
                </td>
                <td>{m.email}</td>
                <td>{roleNames[m.role]}</td>
                <td>{formatMoment(m.createdAt)}</td>
                {canManage ? (
                  <td>
                    {m.id === auth.user.id ? null : (
                      <form
                        method="post"
                        action={`/school/team/${m.id}/verwijderen`}
                        class="inline-form"
                      >
                        <button
                          type="submit"
                          class="button small danger"
                          aria-label={`${m.name || m.email} verwijderen`}
                        >
                          Verwijderen
                        </button>
                      </form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.invites.length > 0 ? (
        <>
          <h2>Openstaande uitnodigingen</h2>
          <div class="table-wrap">
            <table class="table wide">
              <thead>
                <tr>
                  <th scope="col">E-mailadres</th>
                  <th scope="col">Rol</th>
                  <th scope="col">Geldig tot</th>
                  {canManage ? (
                    <th scope="col">
                      <span class="visually-hidden">Acties</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {props.invites.map((i) => (
                  <tr>
                    <td>{i.email}</td>
                    <td>{i.role ? roleNames[i.role] : "—"}</td>
                    <td>{formatMoment(i.expiresAt, { time: true })}</td>
                    {canManage ? (
                      <td>
                        <form
                          method="post"
                          action={`/school/team/uitnodigingen/${i.id}/intrekken`}
                          class="inline-form"
                        >
                          <button
                            type="submit"
                            class="button small secondary"
                            aria-label={`Uitnodiging voor ${i.email} intrekken`}
                          >
                            Intrekken
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {canManage ? (
        <section class="panel">
          <h2>Collega uitnodigen</h2>
          <p>
            Uw collega ontvangt een e-mail met een link (7 dagen geldig) om een naam en wachtwoord
            te kiezen.
          </p>
          <form method="post" action="/school/team" novalidate>
            <Input
              name="email"
              label="E-mailadres"
              type="email"
              required
              inputmode="email"
              autocomplete="off"
              value={props.values?.email}
              error={errors.email}
              maxlength={254}
            />
            <Select
              name="role"
              label="Rol"
              hint="Een beheerder kan ook collega's uitnodigen en verwijderen."
              value={props.values?.role ?? "staff"}
              options={[
                { value: "staff", label: "Medewerker" },
                { value: "school_admin", label: "Beheerder" },
              ]}
              error={errors.role}
            />
            <div class="form-actions">
              <button type="submit" class="button">
                Uitnodiging versturen
              </button>
            </div>
          </form>
        </section>
      ) : (
        <p class="muted">
          Alleen een beheerder van uw school kan collega's uitnodigen of verwijderen.
        </p>
      )}
    </>
  );
}
