module example.com/app

go 1.22

require github.com/twilio/twilio-go v1.30.9
