// The renderer every HTML page goes through: c.render(<Page … />, head) draws views/layout.tsx
// (doctype, head, header with navigation, main, footer) around the page. htmx fragments use
// c.html and get no frame.
import type { Child } from "hono/jsx";
import { jsxRenderer } from "hono/jsx-renderer";
import { Layout, type PageHead } from "#views/layout";

// The one declaration of what c.render takes: the page and its head (title, nav item, assets).
declare module "hono" {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: Hono's ContextRenderer merges as an interface.
    (content: Child, head: PageHead): Response | Promise<Response>;
  }
}

export const pageRenderer = jsxRenderer(
  ({ children, title, current, styles, scripts }) => (
    <Layout title={title} current={current} styles={styles} scripts={scripts}>
      {children}
    </Layout>
  ),
  { docType: "<!doctype html>" },
);
