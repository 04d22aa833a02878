// Run with NODE_PATH holding one twilio-node version: the host its client sends each case to.
// Reads a JSON list of cases ({product, region, edge, env}) on stdin; writes [{host}] on stdout. The request
// goes through the library's own request() (setOpts, the auto-map window, getHostname) with an httpClient
// that records the URL instead of sending it.
"use strict";
const twilio = require("twilio");

async function run(c) {
  delete process.env.TWILIO_REGION;
  delete process.env.TWILIO_EDGE;
  Object.assign(process.env, c.env);
  let url = "";
  const httpClient = { request: async (o) => { url = o.uri; return { statusCode: 200, body: "{}" }; } };
  const opts = { httpClient };
  if (c.region !== null) opts.region = c.region;
  if (c.edge !== null) opts.edge = c.edge;
  const client = twilio("AC" + "0".repeat(32), "token", opts);
  await client.request({ method: "get", uri: `https://${c.product}.twilio.com/v1/Things` });
  return { host: new URL(url).hostname };
}

(async () => {
  console.warn = () => {};
  const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const out = [];
  for (const c of cases) out.push(await run(c));
  process.stdout.write(JSON.stringify(out));
})();
