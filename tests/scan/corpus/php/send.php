<?php
use Twilio\Rest\Client;

$client = new Client($sid, $token, null, 'ie1');
