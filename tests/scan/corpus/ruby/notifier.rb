require 'twilio-ruby'

client = Twilio::REST::Client.new(sid, token, nil, 'au1')
client.edge = 'sydney'

Twilio.configure do |config|
  config.region = 'ie1'
end
