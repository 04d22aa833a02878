const client = require('twilio')(sid, token, { region: process.env.TWILIO_REGION });
