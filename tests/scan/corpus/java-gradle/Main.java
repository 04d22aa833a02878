import com.twilio.http.TwilioRestClient;

class Main {
    static final String REGION = "au1";
    void run() {
        TwilioRestClient c = new TwilioRestClient.Builder(u, p).region(REGION).build();
    }
}
