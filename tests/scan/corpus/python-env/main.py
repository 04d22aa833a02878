import os

from twilio.rest import Client

implicit = Client()
explicit = Client(region=os.environ["TWILIO_REGION"], edge=os.getenv("TWILIO_EDGE"))
