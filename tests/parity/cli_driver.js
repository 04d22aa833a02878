// Run with NODE_PATH holding one @twilio/cli-core version: the host twilio-cli builds for each case.
// The case's region/edge are the stored profile's. Its own code decides everything else: the environment
// profile (ConfigData.getProfileFromEnvironment: TWILIO_ACCOUNT_SID plus a token or a key pair), buildClient
// (TWILIO_EDGE || profile edge, the 8.2.4-8.3.1 auto-map) and OpenApiClient.getHost.
"use strict";
const { ConfigData } = require("@twilio/cli-core/src/services/config");
const TwilioClientCommand = require("@twilio/cli-core/src/base-commands/twilio-client-command");
const OpenApiClient = require("@twilio/cli-core/src/services/open-api-client");

function run(c) {
  for (const name of ["TWILIO_REGION", "TWILIO_EDGE", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]) {
    delete process.env[name];
  }
  Object.assign(process.env, c.env);
  const stored = { accountSid: "AC" + "0".repeat(32), apiKey: "SK", apiSecret: "x" };
  if (c.region !== null) stored.region = c.region;
  if (c.edge !== null) stored.edge = c.edge;
  const currentProfile = new ConfigData().getProfileFromEnvironment() || stored;
  const command = { currentProfile, userConfig: {}, logger: { warn() {} }, flags: {}, httpClient: undefined };
  class Recorder { constructor(key, secret, opts) { this.opts = opts; } }
  const built = TwilioClientCommand.prototype.buildClient.call(command, Recorder);
  const client = new OpenApiClient({ httpClient: undefined, apiBrowser: {} });
  return { host: client.getHost(`${c.product}.twilio.com`, built.opts) };
}

const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(run)));
