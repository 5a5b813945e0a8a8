// TwiML answers: the exact XML Twilio receives, escaping of anything we put into it, and the
// validation that keeps an unusable verb from reaching Twilio.
#include <catch2/catch.hpp>

#include <string>

#include "http/webhooks/twiml.h"

namespace {

using sb::webhooks::DialOptions;
using sb::webhooks::DialTarget;
using sb::webhooks::DialTwiml;
using sb::webhooks::EnqueueTwiml;
using sb::webhooks::RejectReason;
using sb::webhooks::RejectTwiml;
using sb::webhooks::TwimlBuilder;
using sb::webhooks::XmlEscape;

constexpr char kProlog[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

std::string Doc(const std::string& verbs) {
  return std::string(kProlog) + "<Response>" + verbs + "</Response>";
}

}  // namespace

TEST_CASE("TwiML: the incoming-call answer puts the caller in the tenant's queue") {
  auto xml = EnqueueTwiml("acme-support", "https://sb.example/twiml/hold?tenant=acme&music=1");
  REQUIRE(xml.ok());
  CHECK(*xml == Doc("<Enqueue waitUrl=\"https://sb.example/twiml/hold?tenant=acme&amp;music=1\">"
                    "acme-support</Enqueue>"));
  CHECK(*EnqueueTwiml("q") == Doc("<Enqueue>q</Enqueue>"));
  CHECK(std::string(sb::webhooks::kTwimlContentType) == "text/xml");
}

TEST_CASE("TwiML: Dial with numbers, clients, SIP and the queue an agent takes a caller from") {
  DialOptions options;
  options.caller_id = "+14155550100";
  options.timeout_seconds = 20;
  options.action_url = "/api/webhooks/call/status?leg=agent";
  auto xml = DialTwiml({{DialTarget::Noun::kNumber, "+14155550199"},
                        {DialTarget::Noun::kClient, "agent_42"},
                        {DialTarget::Noun::kSip, "sip:agent@pbx.example;transport=tls"}},
                       options);
  REQUIRE(xml.ok());
  CHECK(*xml == Doc("<Dial action=\"/api/webhooks/call/status?leg=agent\" "
                    "callerId=\"+14155550100\" timeout=\"20\">"
                    "<Number>+14155550199</Number><Client>agent_42</Client>"
                    "<Sip>sip:agent@pbx.example;transport=tls</Sip></Dial>"));
  CHECK(*DialTwiml({{DialTarget::Noun::kQueue, "acme-support"}}) ==
        Doc("<Dial><Queue>acme-support</Queue></Dial>"));
}

TEST_CASE("TwiML: Reject, Say, Pause and Hangup") {
  CHECK(RejectTwiml() == Doc("<Reject reason=\"rejected\"/>"));
  CHECK(RejectTwiml(RejectReason::kBusy) == Doc("<Reject reason=\"busy\"/>"));
  auto xml = TwimlBuilder()
                 .Say("Thanks for calling. An agent will be with you shortly.")
                 .Pause(1)
                 .Enqueue("acme")
                 .Say("Goodbye")
                 .Hangup()
                 .Build();
  REQUIRE(xml.ok());
  CHECK(*xml == Doc("<Say>Thanks for calling. An agent will be with you shortly.</Say>"
                    "<Pause length=\"1\"/><Enqueue>acme</Enqueue><Say>Goodbye</Say><Hangup/>"));
  CHECK(*TwimlBuilder().Build() == Doc(""));
}

TEST_CASE("TwiML: everything we insert is escaped") {
  CHECK(XmlEscape(R"(<a href="x">Tom & 'Jerry'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  // A queue name, a Say text and attribute values cannot inject markup.
  auto xml = TwimlBuilder()
                 .Say("</Say><Dial>+19005550000</Dial><Say>")
                 .Enqueue("q\"><Hangup/>", {"https://x/?a=1&b=\"2\"", ""})
                 .Build();
  REQUIRE(xml.ok());
  CHECK(*xml == Doc("<Say>&lt;/Say&gt;&lt;Dial&gt;+19005550000&lt;/Dial&gt;&lt;Say&gt;</Say>"
                    "<Enqueue waitUrl=\"https://x/?a=1&amp;b=&quot;2&quot;\">"
                    "q&quot;&gt;&lt;Hangup/&gt;</Enqueue>"));
  CHECK(xml->find("<Dial>") == std::string::npos);
  CHECK(xml->find("<Hangup/>") == std::string::npos);
}

TEST_CASE("TwiML: UTF-8 passes, control characters and broken UTF-8 do not break the XML") {
  CHECK(XmlEscape("Sch\xC3\xB6n \xE0\xA6\xB8\xE0\xA6\xBE\xE0\xA6\xB9\xE0\xA6\xBE\xE0\xA6\xAF"
                  "\xE0\xA7\x8D\xE0\xA6\xAF \xF0\x9F\x93\x9E") ==
        "Sch\xC3\xB6n \xE0\xA6\xB8\xE0\xA6\xBE\xE0\xA6\xB9\xE0\xA6\xBE\xE0\xA6\xAF"
        "\xE0\xA7\x8D\xE0\xA6\xAF \xF0\x9F\x93\x9E");
  CHECK(XmlEscape(std::string("a\0b\x01\x1F\tc\nd\re", 12)) == "ab\tc\nd\re");
  CHECK(XmlEscape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
  CHECK(XmlEscape("cut \xE2\x82") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(XmlEscape("overlong \xC0\xAF") == "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(XmlEscape("surrogate \xED\xA0\x80") == "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("TwiML: unusable verbs are refused, naming the verb") {
  CHECK(EnqueueTwiml("").status().message() == "Enqueue: the queue name must be 1..64 bytes");
  CHECK(EnqueueTwiml(std::string(65, 'q')).status().message() ==
        "Enqueue: the queue name must be 1..64 bytes");
  CHECK(EnqueueTwiml(std::string(64, 'q')).ok());
  CHECK(DialTwiml({}).status().message() == "Dial: no target");
  CHECK(DialTwiml({{DialTarget::Noun::kClient, ""}}).status().message() == "Dial: empty Client");
  DialOptions too_short;
  too_short.timeout_seconds = 4;
  CHECK(DialTwiml({{DialTarget::Noun::kNumber, "+1"}}, too_short).status().message() ==
        "Dial: timeout must be 5..600 seconds");
  CHECK(TwimlBuilder().Say("").Build().status().message() == "Say: empty text");
  CHECK(TwimlBuilder().Pause(0).Build().status().message() ==
        "Pause: length must be 1..600 seconds");
  // The first error wins; later verbs do not hide it.
  CHECK(TwimlBuilder().Say("hi").Pause(-1).Enqueue("").Build().status().message() ==
        "Pause: length must be 1..600 seconds");
}
