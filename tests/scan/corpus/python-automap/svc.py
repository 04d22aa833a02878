import twilio.rest as tr

mapped = tr.Client("ACxxx", "token", None, "au1")
broken = tr.Client("ACxxx", "token", region="in1")
