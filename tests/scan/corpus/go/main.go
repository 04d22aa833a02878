package main

import (
	"os"

	twilio "github.com/twilio/twilio-go"
)

func main() {
	good := twilio.NewRestClient()
	good.SetRegion("au1")
	good.SetEdge("sydney")

	bad := twilio.NewRestClient()
	bad.SetRegion(os.Getenv("APP_REGION"))
}
