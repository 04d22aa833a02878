package app;

import com.twilio.Twilio;
import com.twilio.http.TwilioRestClient;

public class Sms {
    public static void main(String[] args) {
        Twilio.init("ACxxx", "token");
        Twilio.setRegion("au1");
        TwilioRestClient client = new TwilioRestClient.Builder("ACxxx", "token").region("ie1").edge("dublin").build();
    }
}
