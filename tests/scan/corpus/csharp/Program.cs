using Twilio;
using Twilio.Clients;

class Program
{
    const string Region = "ie1";

    static void Main()
    {
        var client = new TwilioRestClient("ACxxx", "token", region: Region);
        TwilioClient.Init("ACxxx", "token");
        TwilioClient.SetRegion("au1");
    }
}
