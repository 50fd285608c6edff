// /beheer/crebos: the crebo list (search, paged), add, and per crebo rename / retire / reinstate.
import { ErrorSummary, Input, Notice, Select, type FieldErrors } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { adminHead, AdminNav, Pager } from "./nav";

export type AdminCrebo = {
  code: string;
  name: string;
  level: number | null;
  mei: boolean;
  retiredAt: string | null;
  assessorCount: number;
};

const statusOptions = [
  { value: "active", label: "In gebruik" },
  { value: "retired", label: "Vervallen" },
  { value: "all", label: "Alle" },
];

export const adminCrebosHead = adminHead("Crebo's");

export function AdminCrebosPage(props: {
  items: AdminCrebo[];
  total: number;
  page: number;
  perPage: number;
  filter: { q?: string; status?: string };
  values?: { code?: string; name?: string; level?: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const errors = props.errors ?? {};
  return (
    <>
      <AdminNav current="/beheer/crebos" />
      <h1 class="page-title">Crebo's</h1>
      <p class="lead">
        De kwalificaties waarvoor praktijkbeoordelaars geregistreerd worden. Een vervallen crebo
        verdwijnt uit de keuzelijsten; beoordelaars die hem al hebben, houden hem.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <form method="get" action="/beheer/crebos" class="filters" role="search">
        <Input
          name="q"
          label="Zoek op nummer of naam"
          type="search"
          value={props.filter.q}
          maxlength={100}
        />
        <Select
          name="status"
          label="Status"
          value={props.filter.status ?? "active"}
          options={statusOptions}
        />
        <div class="form-actions">
          <button type="submit" class="button secondary">
            Zoeken
          </button>
        </div>
      </form>
      <p class="muted">{props.total} crebo's gevonden.</p>
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">Crebo's</caption>
          <thead>
            <tr>
              <th scope="col">Crebo</th>
              <th scope="col">Naam</th>
              <th scope="col">Niveau</th>
              <th scope="col">Beoordelaars</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((c) => (
              <tr>
                <td>
                  <a href={`/beheer/crebos/${c.code}`}>{c.code}</a>
                </td>
                <td>
                  {c.name}
                  {c.mei ? <span class="muted small"> · MEI</span> : null}
                </td>
                <td>{c.level ?? "—"}</td>
                <td>{c.assessorCount}</td>
                <td>{c.retiredAt ? `Vervallen (${formatMoment(c.retiredAt)})` : "In gebruik"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        base="/beheer/crebos"
        params={{ q: props.filter.q, status: props.filter.status }}
        page={props.page}
        perPage={props.perPage}
        total={props.total}
      />
      <section class="panel" id="toevoegen">
        <h2>Crebo toevoegen</h2>
        <ErrorSummary
          errors={errors}
          labels={{ code: "Crebonummer", name: "Naam", level: "Niveau" }}
        />
        <form method="post" action="/beheer/crebos" novalidate>
          <Input
            name="code"
            label="Crebonummer"
            hint="5 cijfers"
            inputmode="numeric"
            required
            value={props.values?.code}
            error={errors.code}
            maxlength={5}
          />
          <Input
            name="name"
            label="Naam van de kwalificatie"
            required
            value={props.values?.name}
            error={errors.name}
            maxlength={200}
          />
          <Select
            name="level"
            label="Niveau (niet verplicht)"
            value={props.values?.level ?? ""}
            emptyLabel="Onbekend"
            options={["1", "2", "3", "4"].map((l) => ({ value: l, label: `Niveau ${l}` }))}
            error={errors.level}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Toevoegen
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

export const adminCreboHead = (code: string) => adminHead(`Crebo ${code}`);

export function AdminCreboPage(props: {
  crebo: AdminCrebo & { updatedAt: string | null };
  values?: { name?: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const c = props.crebo;
  const errors = props.errors ?? {};
  return (
    <>
      <AdminNav current="/beheer/crebos" />
      <p>
        <a href="/beheer/crebos">← Alle crebo's</a>
      </p>
      <h1 class="page-title">
        Crebo {c.code}: {c.name}
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="meta-list">
        <dt>Niveau</dt>
        <dd>{c.level ?? "—"}</dd>
        <dt>Beoordelaars met deze crebo</dt>
        <dd>{c.assessorCount}</dd>
        <dt>Status</dt>
        <dd>{c.retiredAt ? `Vervallen sinds ${formatMoment(c.retiredAt)}` : "In gebruik"}</dd>
      </dl>
      <section class="panel">
        <h2>Naam wijzigen</h2>
        <ErrorSummary errors={errors} labels={{ name: "Naam" }} />
        <form method="post" action={`/beheer/crebos/${c.code}/naam`} novalidate>
          <Input
            name="name"
            label="Nieuwe naam"
            required
            value={props.values?.name ?? c.name}
            error={errors.name}
            maxlength={200}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Naam opslaan
            </button>
          </div>
        </form>
      </section>
      <section class="panel">
        <h2>{c.retiredAt ? "Weer in gebruik nemen" : "Laten vervallen"}</h2>
        <form
          method="post"
          action={`/beheer/crebos/${c.code}/${c.retiredAt ? "herstellen" : "vervallen"}`}
        >
          <p>
            {c.retiredAt
              ? "De crebo verschijnt weer in de keuzelijsten."
              : "De crebo verdwijnt uit de keuzelijsten. Beoordelaars die hem hebben, houden hem."}
          </p>
          <button type="submit" class={c.retiredAt ? "button secondary" : "button danger"}>
            {c.retiredAt ? "Weer in gebruik nemen" : "Laten vervallen"}
          </button>
        </form>
      </section>
    </>
  );
}
