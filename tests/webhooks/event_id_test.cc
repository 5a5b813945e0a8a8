// Name-based event ids: stable across runs and processes, equal for one event delivered
// twice, different for different events, tenants or providers, and valid UUIDs that the event
// log's id type (boost::uuids::uuid) takes as they are.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "http/webhooks/event_id.h"
#include "http/webhooks/twilio_events.h"

namespace {

using sb::webhooks::EventIdBytes;
using sb::webhooks::FormatUuid;
using sb::webhooks::WebhookEventId;

}  // namespace

TEST_CASE("Event id: a pinned value, so a change of the name scheme cannot go unnoticed") {
  // SHA-256("sb-webhook-v1\nacme\ntwilio\nCA1/ringing/1") = 1fbd0aa0707ec579 8b32..., with the
  // version nibble set to 8 and the variant to 10.
  CHECK(FormatUuid(WebhookEventId("acme", "twilio", "CA1/ringing/1")) ==
        "1fbd0aa0-707e-8579-8b32-77f34903eecf");
}

TEST_CASE("Event id: equal for the same event, different otherwise") {
  const EventIdBytes a = WebhookEventId("acme", "twilio", "CA1/ringing/1");
  CHECK(a == WebhookEventId("acme", "twilio", "CA1/ringing/1"));
  std::set<EventIdBytes> distinct = {
      a,
      WebhookEventId("acme", "twilio", "CA1/ringing/2"),
      WebhookEventId("acme", "twilio", "CA1/in-progress/1"),
      WebhookEventId("globex", "twilio", "CA1/ringing/1"),  // another tenant
      WebhookEventId("acme", "exotel", "CA1/ringing/1"),    // another provider
      WebhookEventId("acme", "twilio", ""),
  };
  CHECK(distinct.size() == 6);
}

TEST_CASE("Event id: a retried Twilio callback maps to the same id") {
  const sb::webhooks::FormParams callback = {
      {"CallSid", "CA9"}, {"CallStatus", "completed"}, {"SequenceNumber", "3"}};
  sb::webhooks::FormParams retry(callback.rbegin(), callback.rend());
  auto first = sb::webhooks::NormalizeTwilioForm(sb::webhooks::TwilioWebhook::kStatus, callback);
  auto second = sb::webhooks::NormalizeTwilioForm(sb::webhooks::TwilioWebhook::kStatus, retry);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(WebhookEventId("acme", first->provider, first->dedup_key) ==
        WebhookEventId("acme", second->provider, second->dedup_key));
}

TEST_CASE("Event id: a well-formed RFC 9562 UUID that converts to the log's EventId") {
  const EventIdBytes bytes = WebhookEventId("acme", "sip", "event_id:e-1");
  CHECK((bytes[6] >> 4) == 8);       // version 8 (name-based, SHA-256)
  CHECK((bytes[8] & 0xC0) == 0x80);  // variant 10

  boost::uuids::uuid id{};  // es::EventId
  std::copy(bytes.begin(), bytes.end(), id.begin());
  CHECK(boost::uuids::to_string(id) == FormatUuid(bytes));
  CHECK(id.variant() == boost::uuids::uuid::variant_rfc_4122);

  const std::string text = FormatUuid(bytes);
  REQUIRE(text.size() == 36);
  CHECK(text[8] == '-');
  CHECK(text[13] == '-');
  CHECK(text[14] == '8');
  CHECK(text[18] == '-');
  CHECK(text[23] == '-');
  CHECK(std::all_of(text.begin(), text.end(), [](char c) {
    return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }));
}
