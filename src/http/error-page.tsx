// Renders the plain Dutch error page (no stack traces, a request id for support).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorPage, errorHead } from "#views/pages/error";
import type { AppEnv } from "#src/env";

export function renderError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
) {
  c.status(status);
  return c.render(
    <ErrorPage title={title} message={message} requestId={c.get("requestId")} />,
    errorHead(title),
  );
}
