const twilio = require('twilio');
const { S3Client } = require('@aws-sdk/client-s3');

const client = twilio(process.env.SID, process.env.TOKEN, { region: 'au1' });
const s3 = new S3Client({ region: 'ap-southeast-2' });
