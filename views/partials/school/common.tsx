// Small pieces shared by the school pages: sub-navigation, status badge, dates and day counts.
import type { AssessorStatus } from "#src/rules";
import { formatDutchDate, isIsoDate, statusLabels } from "#src/rules";
import { AreaNav } from "#views/components/area-nav";
import type { PageHead } from "#views/layout";

const SCHOOL_STYLES = ["/static/school.css"];
const SCHOOL_SCRIPTS = ["/static/school.js"];

/** A school page's head: under "Mijn school", the school styles; `script`: forms that need school.js. */
export function schoolHead(
  title: string,
  opts: { script?: boolean; styles?: string[] } = {},
): PageHead {
  return {
    title,
    current: "/school",
    styles: [...SCHOOL_STYLES, ...(opts.styles ?? [])],
    scripts: opts.script ? SCHOOL_SCRIPTS : undefined,
  };
}

export function SchoolNav(props: { current: string; isAdmin?: boolean }) {
  const links = props.isAdmin
    ? [{ href: "/school", label: "Alle beoordelaars" }]
    : [
        { href: "/school", label: "Overzicht" },
        { href: "/school/beoordelaars/nieuw", label: "Beoordelaar registreren" },
        { href: "/school/import", label: "Importeren" },
        { href: "/school/meldingen", label: "Meldingen" },
        { href: "/school/team", label: "Team" },
        { href: "/school/tokens", label: "API-tokens" },
      ];
  return <AreaNav label="Mijn school" items={links} current={props.current} />;
}

export function StatusBadge(props: { status: AssessorStatus }) {
  return <span class={`badge status-${props.status}`}>{statusLabels[props.status]}</span>;
}

export function dutchDate(date: string | null | undefined): string {
  return date && isIsoDate(date) ? formatDutchDate(date) : "—";
}

/** "nog 12 dagen", "vandaag", "3 dagen geleden". */
export function daysText(daysLeft: number): string {
  if (daysLeft === 0) return "vandaag";
  if (daysLeft === 1) return "morgen";
  if (daysLeft > 0) return `nog ${daysLeft.toLocaleString("nl-NL")} dagen`;
  if (daysLeft === -1) return "gisteren verlopen";
  return `${(-daysLeft).toLocaleString("nl-NL")} dagen geleden verlopen`;
}
