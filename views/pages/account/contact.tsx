// /school/contact: the exam office's public contact (website, e-mail, phone) that the public sees
// on the school's page and on its assessors' profiles. Only a school admin changes it.
import type { SchoolContact } from "#src/queries/school-profile";
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import { useSignedIn, type PageHead } from "#views/layout";
import { AccountNav } from "./nav";

export const contactHead: PageHead = {
  title: "Openbare contactgegevens",
  current: "/school",
  styles: ["/static/account.css", "/static/access.css"],
};

export function ContactPage(props: {
  values: SchoolContact;
  errors?: FieldErrors;
  notice?: string;
}) {
  const auth = useSignedIn();
  const canEdit = auth.role === "school_admin";
  const errors = props.errors ?? {};
  const v = props.values;
  return (
    <>
      <AccountNav current="/school/contact" isSchoolAdmin={canEdit} />
      <h1 class="page-title">Openbare contactgegevens</h1>
      <p class="lead">
        Bezoekers van het register zien deze gegevens op de pagina van uw school en bij de profielen
        van uw praktijkbeoordelaars. Gebruik algemene gegevens van het examenbureau, geen
        persoonlijk e-mailadres of mobiel nummer.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <a href={`/scholen/${auth.school!.id}`}>Bekijk de openbare pagina van uw school</a>
      </p>
      {canEdit ? (
        <form method="post" action="/school/contact" class="panel stack narrow" novalidate>
          <ErrorSummary
            errors={errors}
            labels={{
              contact_email: "E-mailadres",
              contact_phone: "Telefoonnummer",
              website: "Website",
            }}
          />
          <Input
            name="contact_email"
            type="email"
            label="E-mailadres van het examenbureau"
            hint="Bijvoorbeeld examenbureau@school.nl."
            autocomplete="off"
            maxlength={254}
            value={v.contact_email}
            error={errors.contact_email}
          />
          <Input
            name="contact_phone"
            type="tel"
            label="Telefoonnummer"
            autocomplete="off"
            maxlength={30}
            value={v.contact_phone}
            error={errors.contact_phone}
          />
          <Input
            name="website"
            type="url"
            label="Website"
            hint="Bijvoorbeeld https://www.school.nl/examens."
            maxlength={300}
            value={v.website}
            error={errors.website}
          />
          <p>
            <button type="submit" class="button">
              Opslaan
            </button>
          </p>
        </form>
      ) : (
        <section class="panel narrow">
          <dl class="meta-list">
            <dt>E-mailadres</dt>
            <dd class="break">{v.contact_email || "—"}</dd>
            <dt>Telefoonnummer</dt>
            <dd>{v.contact_phone || "—"}</dd>
            <dt>Website</dt>
            <dd class="break">{v.website || "—"}</dd>
          </dl>
          <p class="small muted">Alleen een beheerder van uw school kan deze gegevens wijzigen.</p>
        </section>
      )}
    </>
  );
}
