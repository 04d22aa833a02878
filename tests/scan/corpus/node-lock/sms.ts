import twilio from "twilio";

const EDGE = "dublin";
export const client = twilio(sid, token, { region: "ie1", edge: EDGE });
