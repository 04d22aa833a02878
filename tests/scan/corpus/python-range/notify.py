from twilio.rest import Client

REGION = "au1"
client = Client(region=REGION)
