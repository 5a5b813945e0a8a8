// TwiML: the XML a Twilio voice webhook answers with (Content-Type text/xml).
// https://www.twilio.com/docs/voice/twiml
//
// Which answer where:
//   - The incoming-call webhook (seed 004 /api/webhooks/call/incoming) answers
//     EnqueueTwiml(<tenant's queue>, <hold music URL>), optionally after a Say greeting:
//     the customer waits at Twilio, in a queue with hold music, while our inbound
//     assignment saga finds an agent. The handler stays thin: it answers at once and never
//     waits for an agent. When an agent accepts, the agent's leg is connected with
//     DialTwiml({{DialTarget::Noun::kQueue, <queue>}}), which bridges the longest waiter.
//   - RejectTwiml(kBusy) when the tenant takes no calls now (no queue, closed, blocked
//     number): the caller hears a busy tone and the call is not billed as answered.
//   - Status callbacks expect no TwiML; answer 204 (or an empty <Response/>).
//
// Text and attribute values are XML-escaped (& < > " '); control characters XML 1.0 forbids
// are dropped and invalid UTF-8 becomes U+FFFD, so any input yields well-formed XML.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_TWIML_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_TWIML_H_

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/status.h"

namespace sb::webhooks {

inline constexpr char kTwimlContentType[] = "text/xml";

// `text` safe as XML character data or as a double- or single-quoted attribute value.
std::string XmlEscape(std::string_view text);

struct EnqueueOptions {
  std::string wait_url;    // waitUrl: TwiML (hold music) played while the caller waits
  std::string action_url;  // action: requested when the caller leaves the queue
};

struct DialTarget {
  enum class Noun { kNumber, kClient, kSip, kQueue };
  Noun noun = Noun::kNumber;
  std::string value;  // E.164 number, client identity, sip: URI, or queue name
};

struct DialOptions {
  std::string caller_id;    // callerId; empty: Twilio's default (the calling number)
  int timeout_seconds = 0;  // timeout, 5..600; 0: Twilio's default (30 s)
  std::string action_url;   // action: requested when the dialed call ends
};

enum class RejectReason { kRejected, kBusy };

// A <Response> built verb by verb. The first invalid verb is remembered and Build returns
// its InvalidArgument ("Enqueue: ...", "Dial: ...", "Say: ...", "Pause: ...").
class TwimlBuilder {
 public:
  TwimlBuilder& Say(std::string_view text);  // not empty
  TwimlBuilder& Pause(int seconds);          // 1..600
  TwimlBuilder& Enqueue(std::string_view queue, const EnqueueOptions& options = {});
  TwimlBuilder& Dial(const std::vector<DialTarget>& targets, const DialOptions& options = {});
  TwimlBuilder& Reject(RejectReason reason = RejectReason::kRejected);
  TwimlBuilder& Hangup();

  // `<?xml version="1.0" encoding="UTF-8"?><Response>...</Response>`.
  Result<std::string> Build() const;

 private:
  void Fail(std::string message);

  std::string verbs_;
  Status error_;
};

// <Response><Enqueue waitUrl="...">queue</Enqueue></Response>. The queue name must be 1..64
// bytes (Twilio's limit); InvalidArgument "Enqueue: ..." otherwise.
Result<std::string> EnqueueTwiml(std::string_view queue, std::string_view wait_url = {});

// <Response><Dial callerId="..." timeout="..."><Number>...</Number></Dial></Response>, one
// noun per target. InvalidArgument "Dial: ..." for no targets, an empty value, or a timeout
// outside 5..600.
Result<std::string> DialTwiml(const std::vector<DialTarget>& targets,
                              const DialOptions& options = {});

// <Response><Reject reason="rejected|busy"/></Response>.
std::string RejectTwiml(RejectReason reason = RejectReason::kRejected);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_TWIML_H_
