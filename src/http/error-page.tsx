// Renders the plain Dutch error page (no stack traces, a request id for support).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorPage } from "#views/layout";
import type { AppEnv } from "#src/env";

export function renderError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
) {
  return c.html(
    <ErrorPage
      title={title}
      message={message}
      auth={c.get("auth")}
      requestId={c.get("requestId")}
    />,
    status,
  );
}
