// A school's public exam-office contact (website, e-mail, phone), as on the profile and /scholen.
import type { PublicSchool } from "#src/queries/school-profile";

export function ContactLines(props: { school: PublicSchool }) {
  const s = props.school;
  const none = !s.website && !s.contact_email && !s.contact_phone;
  if (none) return <p class="muted small">Deze school heeft nog geen openbare contactgegevens.</p>;
  return (
    <ul class="plain-list contact-lines">
      {s.contact_email ? (
        <li>
          <span class="contact-label">E-mail</span>{" "}
          <a href={`mailto:${s.contact_email}`}>{s.contact_email}</a>
        </li>
      ) : null}
      {s.contact_phone ? (
        <li>
          <span class="contact-label">Telefoon</span>{" "}
          <a href={`tel:${s.contact_phone.replace(/[^+0-9]/g, "")}`}>{s.contact_phone}</a>
        </li>
      ) : null}
      {s.website ? (
        <li>
          <span class="contact-label">Website</span>{" "}
          <a href={s.website} rel="noopener noreferrer">
            {s.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/** The schools of a profile, each with its contact; `fallback` names schools without a row. */
export function SchoolContactList(props: {
  schools: PublicSchool[];
  fallback: { id: string; name: string }[];
}) {
  const byId = new Map(props.schools.map((s) => [s.id, s]));
  return (
    <ul class="school-contacts">
      {props.fallback.map((f) => {
        const s = byId.get(f.id);
        return (
          <li>
            <h3>
              <a href={`/scholen/${f.id}`}>{f.name}</a>
            </h3>
            {s ? <ContactLines school={s} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
