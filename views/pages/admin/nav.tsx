// The sub-navigation of /beheer.
import { AreaNav } from "#views/components/area-nav";
import { withQuery } from "#src/lib/links";
import type { PageHead } from "#views/layout";

/** Every /beheer page: its title, the Beheer navigation item, the account styles. */
export const adminHead = (title: string): PageHead => ({
  title,
  current: "/beheer",
  styles: ["/static/account.css"],
});

export function AdminNav(props: { current: string }) {
  const links = [
    { href: "/beheer", label: "Aanvragen en scholen" },
    { href: "/beheer/crebos", label: "Crebo's" },
    { href: "/beheer/audit", label: "Auditlog" },
    { href: "/beheer/mail", label: "E-mail" },
    { href: "/beheer/taken", label: "Taken" },
    { href: "/beheer/wachtwoord", label: "Wachtwoord wijzigen" },
  ];
  return <AreaNav label="Beheer" items={links} current={props.current} />;
}

/** Previous/next links that keep the other query parameters. */
export function Pager(props: {
  base: string;
  params: Record<string, string | undefined>;
  page: number;
  perPage: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  if (pages <= 1) return null;
  const href = (page: number) => withQuery(props.base, { ...props.params, page });
  return (
    <nav class="pager" aria-label="Pagina's">
      {props.page > 1 ? (
        <a href={href(props.page - 1)} rel="prev">
          ← Vorige
        </a>
      ) : (
        <span />
      )}
      <span>
        Pagina {props.page} van {pages}
      </span>
      {props.page < pages ? (
        <a href={href(props.page + 1)} rel="next">
          Volgende →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
