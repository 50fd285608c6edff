// The hello-world baseline: a bare Hono app on the same hono and @hono/node-server as the register,
// in its own process (`node --import tsx test/bench/hello-server.ts PORT [ANSWERS.json]`), so both
// get a whole event loop. With ANSWERS.json it also replays recorded answers of the register
// (`/answer/<i>`: the same status, headers and bytes), to show what the size of an answer costs
// by itself.
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

export type RecordedAnswer = { status: number; headers: [string, string][]; base64: string };

const port = Number(process.argv[2]);
const app = new Hono();
app.get("/", (c) => c.text("Hallo"));
if (process.argv[3]) {
  const answers = JSON.parse(readFileSync(process.argv[3], "utf8")) as RecordedAnswer[];
  answers.forEach((a, i) => {
    const body = new Uint8Array(Buffer.from(a.base64, "base64"));
    app.get(`/answer/${i}`, (c) => {
      for (const [name, value] of a.headers) c.header(name, value, { append: true });
      return c.body(body, a.status as 200);
    });
  });
}
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log("ready"));
process.on("SIGTERM", () => process.exit(0));
