// The hello-world baseline: a bare Hono app on the same hono and @hono/node-server as the register,
// in its own process (`node --import tsx test/bench/hello-server.ts PORT`), so both get a whole event loop.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const port = Number(process.argv[2]);
const app = new Hono();
app.get("/", (c) => c.text("Hallo"));
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log("ready"));
process.on("SIGTERM", () => process.exit(0));
