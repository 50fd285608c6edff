// The sub-navigation of the school's account pages.
import { AreaNav } from "#views/components/area-nav";

export function AccountNav(props: { current: string; isSchoolAdmin: boolean }) {
  const links = [
    { href: "/school", label: "Overzicht" },
    { href: "/school/team", label: props.isSchoolAdmin ? "Team beheren" : "Team" },
    { href: "/school/contact", label: "Openbaar contact" },
    { href: "/school/tokens", label: "API-tokens" },
    { href: "/school/wachtwoord", label: "Wachtwoord wijzigen" },
  ];
  return <AreaNav label="Mijn school" items={links} current={props.current} />;
}
