// How tests start the real Node server: the bundle `npm start` runs (built by test/global-setup.ts).
export const SERVER_ARGS = ["--enable-source-maps", "dist/server.mjs"];
