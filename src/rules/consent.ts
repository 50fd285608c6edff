// The consent text an assessor agrees to, with its version (stored with every consent event).
export const CONSENT_TEXT_VERSION = "2026-01";

export const CONSENT_TEXT =
  "De praktijkbeoordelaar geeft toestemming om naam, organisatie, crebo's, scholen en plaatsen " +
  "openbaar te tonen in het Register Gekwalificeerd Praktijkbeoordelaar, zolang hij of zij " +
  "gekwalificeerd is. Contactgegevens worden nooit openbaar gemaakt. De toestemming kan op elk " +
  "moment worden ingetrokken; het openbare profiel verdwijnt dan direct.";
