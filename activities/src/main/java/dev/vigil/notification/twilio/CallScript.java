package dev.vigil.notification.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;

/** What a paging call says (TwiML): the incident, then a key to press. */
public final class CallScript {

  /** The keys a call understands: the voice webhook asks the same. */
  public static final String PROMPT = "Press 4 to acknowledge, 6 to resolve, star to repeat.";

  private CallScript() {}

  /**
   * @param gatherUrl where Twilio posts the key pressed (the voice webhook)
   */
  static String twiml(String spoken, String gatherUrl) {
    return new VoiceResponse.Builder()
        .say(new Say.Builder(spoken).build())
        .gather(
            new Gather.Builder()
                .numDigits(1)
                .action(gatherUrl)
                .method(HttpMethod.POST)
                .say(new Say.Builder(PROMPT).build())
                .build())
        .build()
        .toXml();
  }
}
