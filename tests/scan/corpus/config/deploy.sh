#!/bin/sh
export TWILIO_EDGE=sydney
exec ./app
