package dev.vigil.notification.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;

/**
 * Every TwiML document Vigil writes, built with Twilio's own {@link VoiceResponse} and {@link
 * MessagingResponse} (which escape the text): what a paging call says, what the voice webhook
 * answers a key with, and the reply to an SMS.
 */
public final class TwimlResponses {

  /** The keys a call understands; every document that asks for one says the same. */
  public static final String PROMPT = "Press 4 to acknowledge, 6 to resolve, star to repeat.";

  private TwimlResponses() {}

  /**
   * Says {@code spoken}, then asks for a key ({@link #PROMPT}): a paging call's script, and the
   * voice webhook's answer to a key that does nothing.
   *
   * @param gatherUrl where Twilio posts the key pressed (the voice webhook)
   */
  public static String sayAndAsk(String spoken, String gatherUrl) {
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

  /** Says {@code text} and ends the call. */
  public static String sayAndHangUp(String text) {
    return new VoiceResponse.Builder()
        .say(new Say.Builder(text).build())
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  /** Replies to an inbound SMS with {@code text}. */
  public static String message(String text) {
    return new MessagingResponse.Builder()
        .message(new Message.Builder(text).build())
        .build()
        .toXml();
  }
}
