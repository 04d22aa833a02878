<?php
use GuzzleHttp\Client;

// Twilio webhooks are proxied through this plain HTTP client.
$http = new Client($a, $b, null, 'au1');
