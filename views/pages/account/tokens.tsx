// /school/tokens: API tokens of the school (create: shown once; list; revoke).
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import { useSignedIn, type PageHead } from "#views/layout";
import { formatMoment } from "./format";
import { AccountNav } from "./nav";

export type TokenRow = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  userId: string;
  userName: string;
  userEmail: string;
};

export const tokensHead: PageHead = {
  title: "API-tokens",
  current: "/school",
  styles: ["/static/account.css"],
};

export function TokensPage(props: {
  tokens: TokenRow[];
  /** The token just created: shown this once, never again. */
  created?: { name: string; token: string };
  values?: { name?: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const errors = props.errors ?? {};
  const showOwner = useSignedIn().role === "school_admin";
  return (
    <>
      <AccountNav current="/school/tokens" isSchoolAdmin={showOwner} />
      <h1 class="page-title">API-tokens</h1>
      <p class="lead">
        Met een API-token kan uw eigen software de school-API gebruiken (
        <code>Authorization: Bearer &lt;token&gt;</code>). Een token werkt namens u en uw school.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.created ? (
        <div class="notice success token-once" role="status">
          <h2>Token "{props.created.name}" is aangemaakt</h2>
          <p>
            Kopieer het token nu. Het wordt maar één keer getoond; daarna kan niemand het meer
            inzien.
          </p>
          <label for="new-token">Uw nieuwe token</label>
          <input
            id="new-token"
            class="token-value"
            type="text"
            readonly
            value={props.created.token}
          />
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={{ name: "Naam" }} />
      {props.tokens.length === 0 ? (
        <p class="muted">Er zijn nog geen API-tokens.</p>
      ) : (
        <div class="table-wrap">
          <table class="table wide">
            <caption class="visually-hidden">Actieve API-tokens</caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                {showOwner ? <th scope="col">Van</th> : null}
                <th scope="col">Aangemaakt</th>
                <th scope="col">Laatst gebruikt</th>
                <th scope="col">
                  <span class="visually-hidden">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  {showOwner ? <td>{t.userName || t.userEmail}</td> : null}
                  <td>{formatMoment(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatMoment(t.lastUsedAt, { time: true }) : "Nog niet"}</td>
                  <td>
                    <form
                      method="post"
                      action={`/school/tokens/${t.id}/intrekken`}
                      class="inline-form"
                    >
                      <button
                        type="submit"
                        class="button small danger"
                        aria-label={`Token ${t.name} intrekken`}
                      >
                        Intrekken
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel">
        <h2>Nieuw token</h2>
        <form method="post" action="/school/tokens" novalidate>
          <Input
            name="name"
            label="Naam"
            hint="Waarvoor gebruikt u het token? Bijvoorbeeld: koppeling roostersysteem."
            required
            value={props.values?.name}
            error={errors.name}
            maxlength={100}
            autocomplete="off"
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Token aanmaken
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
