// /beheer/mail: the outbox — status, tries and last error per mail, filters, resend for failed.
import { Input, Notice, Select } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { adminHead, AdminNav, Pager } from "./nav";

export type MailStatus = "queued" | "sending" | "sent" | "failed";

export type OutboxItem = {
  id: string;
  toAddress: string;
  subject: string;
  kind: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
};

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  queued: "In de wachtrij",
  sending: "Wordt verstuurd",
  sent: "Verstuurd",
  failed: "Mislukt",
};

const STATUS_CLASS: Record<MailStatus, string> = {
  queued: "status-expiring",
  sending: "status-deregistered",
  sent: "status-qualified",
  failed: "status-lapsed",
};

const KIND_LABELS: Record<string, string> = {
  invite: "Uitnodiging",
  reset: "Wachtwoord herstellen",
  account_request: "Aanvraag ontvangen",
  account_request_admin: "Nieuwe aanvraag (beheer)",
  account_refused: "Aanvraag geweigerd",
  reminder: "Herinnering",
  general: "Overig",
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

function StatusCell(props: { item: OutboxItem }) {
  const m = props.item;
  return (
    <td data-label="Status">
      <span class={`badge ${STATUS_CLASS[m.status]}`}>{MAIL_STATUS_LABELS[m.status]}</span>
      {m.status === "sent" ? (
        <div class="small muted">{formatMoment(m.sentAt, { time: true })}</div>
      ) : null}
      {m.status === "queued" && m.attempts > 0 ? (
        <div class="small muted">
          Volgende poging: {formatMoment(m.nextAttemptAt, { time: true })}
        </div>
      ) : null}
    </td>
  );
}

export const adminMailHead = adminHead("E-mail");

export function AdminMailPage(props: {
  items: OutboxItem[];
  total: number;
  page: number;
  perPage: number;
  counts: Record<MailStatus, number>;
  kinds: string[];
  filter: { status?: string; kind?: string; to?: string };
  transport: string | null;
  notice?: string;
  warning?: string;
}) {
  return (
    <>
      <AdminNav current="/beheer/mail" />
      <h1 class="page-title">E-mail</h1>
      <p class="lead">
        Elke e-mail van het register komt eerst in deze wachtrij en wordt dan verstuurd. Lukt dat
        niet, dan probeert het register het later opnieuw (na 1 minuut, 5 minuten, 30 minuten, 2 uur
        en 12 uur); daarna staat de e-mail op <strong>Mislukt</strong> en kunt u deze opnieuw
        versturen.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.warning ? <Notice kind="warning">{props.warning}</Notice> : null}
      <p>
        Verzending:{" "}
        {props.transport === "smtp"
          ? "via de mailserver (SMTP)"
          : props.transport === "http-api"
            ? "via de mail-API"
            : props.transport === "console"
              ? "alleen getoond in het serverlog (ontwikkelomgeving)"
              : "niet ingesteld"}
        . {props.counts.queued} in de wachtrij, {props.counts.failed} mislukt, {props.counts.sent}{" "}
        verstuurd.
      </p>
      <form method="get" action="/beheer/mail" class="filters mail-filters" role="search">
        <Select
          name="status"
          label="Status"
          value={props.filter.status ?? ""}
          emptyLabel="Alle"
          options={(Object.keys(MAIL_STATUS_LABELS) as MailStatus[]).map((s) => ({
            value: s,
            label: `${MAIL_STATUS_LABELS[s]} (${props.counts[s]})`,
          }))}
        />
        <Select
          name="kind"
          label="Soort"
          value={props.filter.kind ?? ""}
          emptyLabel="Alle soorten"
          options={props.kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        <Input name="to" label="Aan (deel van het adres)" value={props.filter.to} maxlength={200} />
        <div class="form-actions">
          <button type="submit" class="button secondary">
            Filteren
          </button>
        </div>
      </form>
      <p class="muted">{props.total} e-mails.</p>
      <div class="table-wrap mail-wrap">
        <table class="table mail-table">
          <caption class="visually-hidden">E-mails in de wachtrij en verstuurd</caption>
          <thead>
            <tr>
              <th scope="col">Aangemaakt</th>
              <th scope="col">Aan</th>
              <th scope="col">Onderwerp</th>
              <th scope="col">Status</th>
              <th scope="col">Pogingen</th>
              <th scope="col">Laatste fout</th>
              <th scope="col">
                <span class="visually-hidden">Actie</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((m) => (
              <tr id={`mail-${m.id}`}>
                <td data-label="Aangemaakt">{formatMoment(m.createdAt, { time: true })}</td>
                <td data-label="Aan" class="break">
                  {m.toAddress}
                </td>
                <td data-label="Onderwerp">
                  {m.subject}
                  <div class="small muted">{kindLabel(m.kind)}</div>
                </td>
                <StatusCell item={m} />
                <td data-label="Pogingen">{m.attempts}</td>
                <td data-label="Laatste fout" class="small break">
                  {m.lastError ?? "—"}
                </td>
                <td>
                  {m.status === "failed" ? (
                    <form method="post" action={`/beheer/mail/${m.id}/opnieuw`}>
                      <button type="submit" class="button small">
                        Opnieuw versturen
                        <span class="visually-hidden"> aan {m.toAddress}</span>
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        base="/beheer/mail"
        params={{ status: props.filter.status, kind: props.filter.kind, to: props.filter.to }}
        page={props.page}
        perPage={props.perPage}
        total={props.total}
      />
    </>
  );
}

/** Shown on every /beheer page when production has no way to deliver mail. */
export function MailBanner() {
  return (
    <div class="notice warning" role="alert" id="mail-banner">
      <p>
        <strong>Er wordt geen e-mail verstuurd.</strong> Er is geen e-mailverzending ingesteld
        (SMTP_URL, op Cloudflare Workers MAIL_API_KEY). Uitnodigingen, wachtwoordherstel en
        herinneringen blijven in de wachtrij staan tot dat is ingesteld.{" "}
        <a href="/beheer/mail">Bekijk de wachtrij</a>.
      </p>
    </div>
  );
}
