// The sub-navigation of the school's account pages.
export function AccountNav(props: { current: string; isSchoolAdmin: boolean }) {
  const links = [
    { href: "/school", label: "Overzicht" },
    { href: "/school/team", label: props.isSchoolAdmin ? "Team beheren" : "Team" },
    { href: "/school/tokens", label: "API-tokens" },
    { href: "/school/wachtwoord", label: "Wachtwoord wijzigen" },
  ];
  return (
    <nav class="sub-nav" aria-label="Mijn school">
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.href === props.current ? "page" : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
