// The plain Dutch error page: what went wrong, the request id for support, the way back.
import type { PageHead } from "#views/layout";

export const errorHead = (title: string): PageHead => ({ title });

export function ErrorPage(props: { title: string; message: string; requestId?: string }) {
  return (
    <section class="panel narrow">
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.requestId ? <p class="muted small">Kenmerk: {props.requestId}</p> : null}
      <p>
        <a href="/">Naar de zoekpagina</a>
      </p>
    </section>
  );
}
