// twilio-node against the simulator, configured by the environment alone (the simulator's env file).
// Run by tests/conformance with NODE_PATH naming the cached node_modules; argv[2] is the page size.
// Prints one JSON document of what it saw. twilio-node reads TWILIO_REGION / TWILIO_EDGE itself.
"use strict";
const twilio = require("twilio");

const env = process.env;
const pageSize = Number(process.argv[2]);
const client = twilio(env.TWILIO_API_KEY, env.TWILIO_API_SECRET, { accountSid: env.TWILIO_ACCOUNT_SID });

const sids = (records) => records.map((record) => record.sid);

async function errorOf(call) {
  try {
    await call();
  } catch (error) {
    return { status: error.status, code: error.code };
  }
  return null;
}

async function main() {
  const applications = client.api.v2010.account.applications;
  const listed = sids(await applications.list({ pageSize }));
  const fetched = await applications(listed[1]).fetch();
  const created = await applications.create({ friendlyName: "conformance node" });
  const afterCreate = sids(await applications.list({ pageSize }));
  const deleted = await applications(created.sid).remove();
  const afterDelete = sids(await applications.list({ pageSize }));
  const gone = await errorOf(() => applications(created.sid).fetch());
  const trunks = sids(await client.trunking.v1.trunks.list({ pageSize }));
  const us1 = twilio(env.TWILIO_API_KEY_US1, env.TWILIO_API_SECRET_US1, { accountSid: env.TWILIO_ACCOUNT_SID });
  const wrongRegion = [
    await errorOf(() => us1.api.v2010.account.applications.list({ limit: 1 })),
    await errorOf(() => us1.api.v2010.account.applications(listed[0]).fetch()),
  ];
  console.log(
    JSON.stringify({
      version: require("twilio/package.json").version,
      region: client.region,
      edge: client.edge,
      listed,
      fetched: { sid: fetched.sid, friendly_name: fetched.friendlyName },
      created: { sid: created.sid, friendly_name: created.friendlyName },
      after_create: afterCreate,
      deleted,
      after_delete: afterDelete,
      gone,
      trunks,
      wrong_region: wrongRegion,
    }),
  );
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
