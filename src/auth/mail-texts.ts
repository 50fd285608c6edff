// The Dutch text of every account mail (invite, reset, request received, refusal, ...).
const SIGNATURE = "\n\nMet vriendelijke groet,\nRegister Gekwalificeerd Praktijkbeoordelaar";

export type MailText = {
  subject: string;
  body: string;
  kind: string;
  /** Links that work once (invite, reset): redacted from the stored body after delivery. */
  oneTimeLinks?: string[];
  /** False when a person wrote part of the text (the refusal's reason). */
  automatic?: boolean;
};

export function inviteMail(p: {
  link: string;
  schoolName: string | null;
  invitedByName?: string | null;
  kind: "invite" | "admin_setup";
}): MailText {
  const who = p.invitedByName ? `${p.invitedByName} heeft u uitgenodigd` : "U bent uitgenodigd";
  const where = p.schoolName ? ` namens ${p.schoolName}` : "";
  return {
    kind: "invite",
    oneTimeLinks: [p.link],
    subject: "Uw account voor het Register Gekwalificeerd Praktijkbeoordelaar",
    body:
      `Beste heer/mevrouw,\n\n${who} om${where} te werken in het Register Gekwalificeerd Praktijkbeoordelaar.\n\n` +
      `Kies via deze link uw naam en wachtwoord:\n${p.link}\n\n` +
      "De link is 7 dagen geldig en werkt één keer. Heeft u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren." +
      SIGNATURE,
  };
}

export function resetMail(p: { link: string }): MailText {
  return {
    kind: "reset",
    oneTimeLinks: [p.link],
    subject: "Nieuw wachtwoord instellen",
    body:
      "Beste heer/mevrouw,\n\nU heeft gevraagd om een nieuw wachtwoord. Kies via deze link een nieuw wachtwoord:\n" +
      `${p.link}\n\nDe link is 1 uur geldig en werkt één keer. Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren; ` +
      "uw wachtwoord blijft dan ongewijzigd." +
      SIGNATURE,
  };
}

export function requestReceivedMail(p: { schoolName: string; contactName: string }): MailText {
  return {
    kind: "account_request",
    subject: "Uw aanvraag voor een schoolaccount is ontvangen",
    body:
      `Beste ${p.contactName},\n\nWij hebben uw aanvraag voor een account voor ${p.schoolName} ontvangen. ` +
      "Het bureau van het register beoordeelt de aanvraag. U krijgt bericht zodra er een besluit is." +
      SIGNATURE,
  };
}

export function requestForAdminMail(p: {
  schoolName: string;
  contactName: string;
  email: string;
  link: string;
}): MailText {
  return {
    kind: "account_request_admin",
    subject: `Nieuwe accountaanvraag: ${p.schoolName}`,
    body:
      `Er is een nieuwe aanvraag voor een schoolaccount binnengekomen.\n\nSchool: ${p.schoolName}\n` +
      `Contactpersoon: ${p.contactName} <${p.email}>\n\nBeoordeel de aanvraag in het beheer: ${p.link}`,
  };
}

export function refusalMail(p: {
  schoolName: string;
  contactName: string;
  reason: string;
}): MailText {
  return {
    kind: "account_refused",
    automatic: false,
    subject: "Uw aanvraag voor een schoolaccount",
    body:
      `Beste ${p.contactName},\n\nHelaas kunnen wij uw aanvraag voor een account voor ${p.schoolName} niet goedkeuren.\n\n` +
      `Reden: ${p.reason}\n\nHeeft u vragen? Beantwoord dan deze e-mail.` +
      SIGNATURE,
  };
}
