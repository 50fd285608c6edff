// Dutch names for the audit log's codes (actions and kinds of record), for every page that shows it.

export const ENTITY_LABELS: Record<string, string> = {
  assessor: "Beoordelaar",
  school: "School",
  user: "Gebruiker",
  crebo: "Crebo",
  api_token: "API-token",
  account_request: "Accountaanvraag",
};

/** Per kind of record: the same code means different things (create a user ≠ create a crebo). */
const ACTIONS_BY_ENTITY: Record<string, Record<string, string>> = {
  assessor: {
    create: "Geregistreerd",
    import: "Geïmporteerd uit CSV",
    update: "Gegevens gewijzigd",
    link: "Gekoppeld aan een school",
    "examination.create": "Examen geregistreerd",
    "examination.delete": "Examen verwijderd",
    "refresher_training.create": "Bijscholing geregistreerd",
    "refresher_training.delete": "Bijscholing verwijderd",
    "consent.give": "Toestemming gegeven",
    "consent.withdraw": "Toestemming ingetrokken",
    deregister: "Afgemeld",
    "deregister.undo": "Afmelding ongedaan gemaakt",
    erase: "Persoonsgegevens gewist",
  },
  school: {
    create: "School aangemaakt",
    suspend: "School opgeschort",
    reactivate: "School heractiveerd",
    update: "Schoolgegevens gewijzigd",
  },
  user: {
    create: "Gebruiker aangemaakt",
    invite: "Uitgenodigd",
    cancel_invite: "Uitnodiging ingetrokken",
    accept_invite: "Uitnodiging aanvaard",
    reset_password: "Wachtwoord opnieuw ingesteld",
    change_password: "Wachtwoord gewijzigd",
    remove: "Gebruiker verwijderd",
  },
  crebo: {
    create: "Crebo toegevoegd",
    rename: "Crebo hernoemd",
    retire: "Crebo vervallen verklaard",
    reinstate: "Crebo weer in gebruik",
  },
  api_token: { create: "API-token aangemaakt", revoke: "API-token ingetrokken" },
  account_request: {
    create: "Account aangevraagd",
    approve: "Aanvraag goedgekeurd",
    refuse: "Aanvraag afgewezen",
    invite: "Uitnodiging verstuurd",
  },
};

/** The assessor's actions, also used by the assessor's own history. */
export const ASSESSOR_ACTION_LABELS = ACTIONS_BY_ENTITY.assessor;

/** "Examen geregistreerd" for (assessor, examination.create); an unknown code is shown as it is. */
export function actionLabel(entity: string, action: string): string {
  return ACTIONS_BY_ENTITY[entity]?.[action] ?? action;
}

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}
