const { Twilio } = require("twilio");

const client = new Twilio(sid, token, { edge: "sydney" });
