// Workers (no SMTP sockets): delivery through an HTTP mail API with fetch. The API is Brevo's
// transactional endpoint (EU-hosted, see docs/decisions/0008-mail-transport.md); MAIL_API_URL
// points elsewhere for tests or a compatible relay.
import type { OutgoingMail } from "./message";
import type { MailTransport } from "./transport";

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** `Naam <adres>` → { name, email } as the API wants the sender. */
function sender(from: string): { name?: string; email: string } {
  const named = /^(.*)<([^<>]+)>\s*$/.exec(from.trim());
  if (!named) return { email: from.trim() };
  const name = named[1].trim().replace(/^"|"$/g, "");
  return name ? { name, email: named[2].trim() } : { email: named[2].trim() };
}

export function httpApiTransport(
  settings: { apiUrl: string; apiKey: string },
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): MailTransport {
  return {
    name: "http-api",
    async send(mail: OutgoingMail) {
      const response = await fetchImpl(settings.apiUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "api-key": settings.apiKey,
        },
        body: JSON.stringify({
          sender: sender(mail.from),
          to: [{ email: mail.to }],
          subject: mail.subject,
          textContent: mail.text,
          htmlContent: mail.html,
          headers: { ...mail.headers, "Message-ID": mail.messageId },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) {
        const detail = (await response.text().catch(() => "")).slice(0, 200);
        throw new Error(`Mail-API antwoordde ${response.status}${detail ? `: ${detail}` : ""}`);
      }
    },
  };
}
