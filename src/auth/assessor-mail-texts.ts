// The Dutch text of the mails to an assessor (DESIGN §3: informed when registered, linked or when
// the e-mail changes; a new personal link on request) and of a report to the school's admins.
const SIGNATURE = "\n\nMet vriendelijke groet,\nRegister Gekwalificeerd Praktijkbeoordelaar";

export type AssessorMailText = {
  subject: string;
  body: string;
  kind: string;
  /** Personal links in the body: the outbox redacts them once the mail is delivered. */
  oneTimeLinks?: string[];
};

/** What the register stores about the assessor, in the words of the mail. */
export type StoredSummary = {
  name: string;
  email: string;
  phone: string;
  organisation: string;
  places: string[];
  crebos: string[];
  initialTraining: string;
  publicConsent: boolean;
  registeringSchool: string;
  schools: string[];
};

function storedBlock(s: StoredSummary): string {
  const line = (label: string, value: string) => `- ${label}: ${value || "(niet ingevuld)"}\n`;
  return (
    "Wat het register over u bewaart:\n" +
    line("Naam", s.name) +
    line("E-mailadres", s.email) +
    line("Telefoon", s.phone) +
    line("Organisatie", s.organisation) +
    line("Plaatsen waar u beoordeelt", s.places.join(", ")) +
    line("Crebo's", s.crebos.join("; ")) +
    line("Initiële scholing", s.initialTraining) +
    line("Geregistreerd door", s.registeringSchool) +
    line("Gekoppelde scholen", s.schools.join(", ")) +
    "- De examens die u afneemt en de bijscholingen die u volgt, zoals de scholen die vastleggen.\n"
  );
}

function publicBlock(s: StoredSummary): string {
  return s.publicConsent
    ? "Wat openbaar is: er is toestemming gegeven voor openbare vermelding. Zolang u gekwalificeerd " +
        "bent, kan iedereen uw naam, organisatie, crebo's, scholen en plaatsen vinden in het register. " +
        "Uw e-mailadres, telefoonnummer, examens en bijscholingen zijn nooit openbaar.\n"
    : "Wat openbaar is: niets. Er is geen toestemming voor openbare vermelding; alleen de scholen " +
        "die met u werken en het registerbureau zien uw gegevens.\n";
}

function linkBlock(link: string, requestUrl: string): string {
  return (
    "Via uw persoonlijke link kunt u al uw gegevens bekijken en downloaden, uw toestemming voor " +
    "openbare vermelding geven of intrekken, en een fout melden:\n" +
    `${link}\n\n` +
    "De link is 30 dagen geldig en is alleen voor u bedoeld; stuur hem niet door. Is de link " +
    `verlopen? Vraag dan een nieuwe aan op ${requestUrl}`
  );
}

function retentionBlock(retentionYears: string): string {
  return (
    "Bewaartermijn: zolang u bij een school als praktijkbeoordelaar staat geregistreerd. Na uw " +
    `afmelding worden uw persoonsgegevens na ${retentionYears} gewist.\n`
  );
}

export type NoticeInput = {
  summary: StoredSummary;
  link: string;
  requestUrl: string;
  retentionYears: string;
};

/** What a full notice tells after its opening: what is stored, what is public, retention, the link. */
function fullNoticeBlocks(p: NoticeInput): string {
  return (
    storedBlock(p.summary) +
    "\n" +
    publicBlock(p.summary) +
    "\n" +
    retentionBlock(p.retentionYears) +
    "\n" +
    linkBlock(p.link, p.requestUrl) +
    SIGNATURE
  );
}

export function registeredNotice(p: NoticeInput & { schoolName: string }): AssessorMailText {
  return {
    oneTimeLinks: [p.link],
    kind: "assessor_registered",
    subject: "U bent opgenomen in het Register Gekwalificeerd Praktijkbeoordelaar",
    body:
      `Beste ${p.summary.name},\n\n${p.schoolName} heeft u als praktijkbeoordelaar geregistreerd in ` +
      "het Register Gekwalificeerd Praktijkbeoordelaar: het landelijke register van " +
      "praktijkbeoordelaars voor mbo-examens in de metaal, elektro en installatietechniek. Omdat " +
      "deze gegevens niet van uzelf komen, informeren wij u hierover (AVG, artikel 14).\n\n" +
      fullNoticeBlocks(p),
  };
}

export function linkedNotice(p: NoticeInput & { schoolName: string }): AssessorMailText {
  return {
    oneTimeLinks: [p.link],
    kind: "assessor_linked",
    subject: "Een school heeft u gekoppeld in het Register Gekwalificeerd Praktijkbeoordelaar",
    body:
      `Beste ${p.summary.name},\n\n${p.schoolName} heeft u gekoppeld aan de school. Die school kan ` +
      "nu uw gegevens inzien en de examens en bijscholingen vastleggen die u bij haar afneemt of " +
      "volgt.\n\n" +
      fullNoticeBlocks(p),
  };
}

export function emailChangedNotice(p: NoticeInput & { schoolName: string }): AssessorMailText {
  return {
    oneTimeLinks: [p.link],
    kind: "assessor_email_changed",
    subject: "Uw e-mailadres in het Register Gekwalificeerd Praktijkbeoordelaar",
    body:
      `Beste ${p.summary.name},\n\n${p.schoolName} heeft dit adres vastgelegd als uw e-mailadres ` +
      "in het Register Gekwalificeerd Praktijkbeoordelaar. Berichten van het register komen " +
      "voortaan hier binnen.\n\n" +
      storedBlock(p.summary) +
      "\n" +
      publicBlock(p.summary) +
      "\n" +
      linkBlock(p.link, p.requestUrl) +
      SIGNATURE,
  };
}

/** To the old address: short, without the new address or any link. */
export function emailChangedOldNotice(p: { name: string; schoolName: string }): AssessorMailText {
  return {
    kind: "assessor_email_changed_old",
    subject: "Uw e-mailadres in het Register Gekwalificeerd Praktijkbeoordelaar is gewijzigd",
    body:
      `Beste ${p.name},\n\n${p.schoolName} heeft uw e-mailadres in het Register Gekwalificeerd ` +
      "Praktijkbeoordelaar gewijzigd. Berichten van het register gaan voortaan naar het nieuwe " +
      "adres; eerdere persoonlijke links naar Mijn gegevens werken niet meer.\n\n" +
      `Heeft u dit niet verwacht? Neem dan contact op met ${p.schoolName}.` +
      SIGNATURE,
  };
}

export function newLinkMail(p: {
  name: string;
  link: string;
  requestUrl: string;
}): AssessorMailText {
  return {
    oneTimeLinks: [p.link],
    kind: "assessor_link",
    subject: "Uw persoonlijke link naar Mijn gegevens",
    body:
      `Beste ${p.name},\n\nU heeft een nieuwe link gevraagd naar uw gegevens in het Register ` +
      "Gekwalificeerd Praktijkbeoordelaar.\n\n" +
      linkBlock(p.link, p.requestUrl) +
      "\n\nHeeft u dit niet gevraagd? Dan kunt u deze e-mail negeren." +
      SIGNATURE,
  };
}

export function reportForSchoolMail(p: {
  assessorName: string;
  fromAssessor: boolean;
  message: string;
  replyTo: string | null;
  link: string;
}): AssessorMailText {
  const who = p.fromAssessor
    ? "de praktijkbeoordelaar zelf"
    : "een bezoeker van het openbare profiel";
  return {
    kind: "assessor_report",
    subject: "Nieuwe melding over een praktijkbeoordelaar",
    body:
      `Er is een melding binnengekomen over ${p.assessorName}, van ${who}.\n\n` +
      `Melding:\n${p.message}\n\n` +
      (p.replyTo ? `Antwoordadres: ${p.replyTo}\n\n` : "Er is geen antwoordadres opgegeven.\n\n") +
      `Bekijk en behandel de melding in het register: ${p.link}` +
      SIGNATURE,
  };
}
