// The tab row under the page header of an area (/school, its account pages, /beheer).
// Styled by .sub-nav in public/static/app.css.

export interface AreaNavItem {
  href: string;
  label: string;
}

/** A labelled sub-navigation; the item whose href equals `current` is marked aria-current="page". */
export function AreaNav(props: { label: string; items: AreaNavItem[]; current: string }) {
  return (
    <nav class="sub-nav" aria-label={props.label}>
      <ul>
        {props.items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.href === props.current ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
