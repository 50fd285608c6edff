// The page frame (header with navigation, main, footer with the data credit line), drawn once per
// page by the renderer (src/http/renderer.tsx) around what a route passes to c.render.
import type { Child } from "hono/jsx";
import { useRequestContext } from "hono/jsx-renderer";
import type { AppEnv, AuthContext } from "#src/env";
import { assetUrl } from "#src/lib/assets";

export const CREDIT_LINE =
  "Bron: CBS (Woonplaatsen in Nederland 2024, gebiedsindelingen), Kadaster (BAG-woonplaatscodes); " +
  "plaatscoördinaten: GeoNames (CC BY 4.0) en 4pp-postcodetabel (MIT); postcodes: 4pp-postcodetabel " +
  "(MIT, © 2014 Bob den Otter); kwalificaties: Regeling " +
  "vaststelling kwalificatiedossiers 2015 (OCW).";

/**
 * What a page puts in the frame: its title, the navigation item it belongs to, and extra
 * stylesheets and scripts (served from /static). Each page module exports its head next to its
 * component (`fooHead`, a constant or a function of what the title needs); routes pass it on:
 * `c.render(<FooPage … />, fooHead)`.
 */
export type PageHead = {
  title: string;
  current?: string;
  styles?: string[];
  scripts?: string[];
};

/** The signed-in account of this request (null when anonymous); only inside c.render. */
export function useAuth(): AuthContext | null {
  return useRequestContext<AppEnv>().get("auth");
}

/** The signed-in account on a page behind a login guard. */
export function useSignedIn(): AuthContext {
  const auth = useAuth();
  if (!auth) throw new Error("useSignedIn() on a page without a login");
  return auth;
}

function NavLink(props: { href: string; current?: string; children: Child }) {
  const active = props.current === props.href;
  return (
    <a href={props.href} aria-current={active ? "page" : undefined}>
      {props.children}
    </a>
  );
}

export function Layout(props: PageHead & { children?: Child }) {
  const auth = useAuth();
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Register Gekwalificeerd Praktijkbeoordelaar`}</title>
        <link rel="stylesheet" href={assetUrl("/static/app.css")} />
        {(props.styles ?? []).map((s) => (
          <link rel="stylesheet" href={assetUrl(s)} />
        ))}
        <link rel="icon" href={assetUrl("/static/favicon.svg")} type="image/svg+xml" />
        {/* htmx would inject its indicator CSS itself; under style-src 'self' that is ours to
              ship (public/static/app.css), so no style is ever generated in the page. */}
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src={assetUrl("/vendor/htmx.min.js")} defer></script>
        {(props.scripts ?? []).map((s) => (
          <script src={assetUrl(s)} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#inhoud">
          Naar de inhoud
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                RGP
              </span>
              <span class="brand-text">
                Register Gekwalificeerd Praktijkbeoordelaar
                <small>metaal, elektro en installatietechniek</small>
              </span>
            </a>
            <nav class="site-nav" aria-label="Hoofdmenu">
              <NavLink href="/" current={props.current}>
                Zoeken
              </NavLink>
              <NavLink href="/over" current={props.current}>
                Over het register
              </NavLink>
              <NavLink href="/rekenhulp" current={props.current}>
                Rekenhulp
              </NavLink>
              {auth ? (
                <>
                  {auth.role === "admin" ? (
                    <NavLink href="/beheer" current={props.current}>
                      Beheer
                    </NavLink>
                  ) : (
                    <NavLink href="/school" current={props.current}>
                      Mijn school
                    </NavLink>
                  )}
                  <form method="post" action="/uitloggen" class="inline-form">
                    <button type="submit" class="link-button">
                      Uitloggen
                    </button>
                  </form>
                </>
              ) : (
                <NavLink href="/inloggen" current={props.current}>
                  Inloggen voor scholen
                </NavLink>
              )}
            </nav>
          </div>
        </header>
        <main id="inhoud" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              Het Register Gekwalificeerd Praktijkbeoordelaar is het landelijke overzicht van
              praktijkbeoordelaars voor mbo-examens in de metaal, elektro en installatietechniek.{" "}
              <a href="/over">Over het register en privacy</a> ·{" "}
              <a href="/mijn-gegevens">Mijn gegevens (voor praktijkbeoordelaars)</a> ·{" "}
              <a href="/api">API</a>
            </p>
            <p class="credit">{CREDIT_LINE}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
