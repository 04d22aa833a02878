import os

from twilio.rest import Client

from settings import REGION_NAME

a = Client(region=REGION_NAME, edge="sydney")
b = Client(region="au1", edge=os.getenv("MY_EDGE"))
