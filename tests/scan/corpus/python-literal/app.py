import boto3
from twilio.rest import Client
from billing.rest import Client as BillingClient

retired = Client("ACxxx", "token", region="au1")
good = Client("ACxxx", "token", region="au1", edge="sydney")
later = Client("ACxxx", "token", region="ie1")
later.edge = "dublin"
s3 = boto3.client("s3", region_name="ap-southeast-2")
billing = BillingClient(region="au1")
