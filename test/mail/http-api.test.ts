// The Workers transport (an HTTP mail API called with fetch, ADR 0008) against a local HTTP server:
// what it posts, and a refusal turned into a readable error for the outbox.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "#src/config";
import { queueMail } from "#src/mail";
import { httpApiTransport } from "#src/mail/http-api";
import { deliverDueMail, selectTransport } from "#src/mail/sender";
import { outbox } from "#db/schema";
import { createTestDb } from "../helpers/app";

type Received = { headers: IncomingMessage["headers"]; body: Record<string, unknown> };

describe("HTTP mail API transport", () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let status = 201;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(
          status < 300
            ? '{"messageId":"<x@api>"}'
            : '{"code":"unauthorized","message":"Key not found"}',
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/smtp/email`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("posts sender, recipient, subject, text, HTML and the headers; a refusal is a retry", async () => {
    const config = parseConfig({
      NODE_ENV: "production",
      BASE_URL: "https://register.example.nl",
      MAIL_FROM: "Register Gekwalificeerd Praktijkbeoordelaar <noreply@register.example.nl>",
      MAIL_API_KEY: "test-key",
      MAIL_API_URL: url,
    });
    const transport = selectTransport(config);
    expect(transport?.name).toBe("http-api");
    const { db, close } = await createTestDb();
    try {
      await queueMail(db, {
        to: "a@school.test",
        subject: "Herinnering: registratie van Çelik",
        body: "Beste collega,\n\nhttps://register.example.nl/school",
        kind: "reminder",
      });
      const counts = await deliverDueMail({
        db,
        transport,
        config,
        now: () => new Date(),
        holder: "w",
      });
      expect(counts.sent).toBe(1);
      const [{ headers, body }] = received;
      expect(headers["api-key"]).toBe("test-key");
      expect(headers["content-type"]).toBe("application/json");
      expect(body.sender).toEqual({
        name: "Register Gekwalificeerd Praktijkbeoordelaar",
        email: "noreply@register.example.nl",
      });
      expect(body.to).toEqual([{ email: "a@school.test" }]);
      expect(body.subject).toBe("Herinnering: registratie van Çelik");
      expect(body.textContent).toContain("Beste collega,");
      expect(body.htmlContent).toContain('<a href="https://register.example.nl/school">');
      const h = body.headers as Record<string, string>;
      expect(h["Auto-Submitted"]).toBe("auto-generated");
      expect(h["List-Unsubscribe"]).toMatch(/^<mailto:noreply@register\.example\.nl/);
      expect(h["Message-ID"]).toMatch(/^<[^@]+@register\.example\.nl>$/);

      status = 401;
      await queueMail(db, { to: "b@school.test", subject: "x", body: "y" });
      const refused = await deliverDueMail({
        db,
        transport,
        config,
        now: () => new Date(),
        holder: "w",
      });
      expect(refused.retried).toBe(1);
      const row = (await db.select().from(outbox)).find((r) => r.toAddress === "b@school.test")!;
      expect(row.status).toBe("queued");
      expect(row.lastError).toContain("Mail-API antwoordde 401");
    } finally {
      close();
    }
  });

  it("a bare MAIL_FROM address is sent without a name", async () => {
    const before = received.length;
    status = 201;
    const t = httpApiTransport({ apiUrl: url, apiKey: "k" });
    await t.send({
      id: "1",
      from: "noreply@register.example.nl",
      to: "c@school.test",
      subject: "s",
      text: "t",
      html: "<p>t</p>",
      messageId: "<1@register.example.nl>",
      date: new Date(),
      headers: {},
    });
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)!.body.sender).toEqual({ email: "noreply@register.example.nl" });
  });
});
