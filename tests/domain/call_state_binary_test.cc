// The binary layout the call_sessions model stores calls in: every field of random states
// survives a round trip, and anything else (cut short, extended, another version, JSON) is
// refused as corruption rather than read as a wrong call.
#include <limits>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "domain/call_state_binary.h"

namespace sb::testing {
namespace {

using namespace domain;

class RandomCalls {
 public:
  explicit RandomCalls(uint64_t seed) : rng_(seed) {}

  CallState Next() {
    CallState s;
    s.exists = Pick(0, 1) == 1;
    s.status = static_cast<CallStatus>(Pick(0, 9));
    s.direction = static_cast<CallDirection>(Pick(0, 1));
    s.channel = static_cast<CallChannel>(Pick(0, 1));
    s.mode = static_cast<CallMode>(Pick(0, 1));
    for (std::string* field :
         {&s.to_phone, &s.from_phone, &s.phone_type, &s.lead_id, &s.agent_id, &s.agent_name,
          &s.agent_avatar_url, &s.contact_name, &s.contact_email, &s.campaign_id, &s.metadata,
          &s.provider_id, &s.provider_call_id, &s.queue_id, &s.recording, &s.answered_by,
          &s.end_reason, &s.notes}) {
      *field = Text();
    }
    s.dial_attempts = Pick(0, 3) == 0 ? -Pick(0, 1 << 30) : Pick(0, 1 << 30);
    s.ring_timeout_seconds = Instant();
    s.initiated_at = Instant();
    for (std::optional<Timestamp>* field :
         {&s.assigned_at, &s.deadline, &s.ringing_at, &s.connected_at, &s.ended_at, &s.follow_up_at,
          &s.outcome_at}) {
      *field = Pick(0, 1) ? std::optional<Timestamp>(Instant()) : std::nullopt;
    }
    s.outcome = Pick(0, 1) ? std::optional<CallOutcome>(static_cast<CallOutcome>(Pick(0, 4)))
                           : std::nullopt;
    return s;
  }

 private:
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  // Empty, short, or longer than one length byte holds; any byte value, UTF-8 or not.
  std::string Text() {
    const int kind = Pick(0, 3);
    std::string out(kind == 0 ? 0 : kind == 3 ? Pick(128, 400) : Pick(1, 20), ' ');
    for (char& c : out) c = static_cast<char>(Pick(0, 255));
    return out;
  }
  // Across the whole range: negative, zero, small, and the extremes.
  int64_t Instant() {
    switch (Pick(0, 4)) {
      case 0:
        return 0;
      case 1:
        return std::numeric_limits<int64_t>::min();
      case 2:
        return std::numeric_limits<int64_t>::max();
      default:
        return static_cast<int64_t>(rng_());
    }
  }
  std::mt19937_64 rng_;
};

TEST_CASE("binary call states: every field of random states survives a round trip",
          "[codec][binary]") {
  RandomCalls calls(42);
  for (int i = 0; i < 5000; ++i) {
    const CallState state = calls.Next();
    const std::string bytes = EncodeCallStateBinary(state);
    REQUIRE(!bytes.empty());
    CHECK(bytes.front() != '{');
    auto decoded = DecodeCallStateBinary(bytes);
    INFO("state " << i << ": " << decoded.status().ToString());
    REQUIRE(decoded.ok());
    REQUIRE(*decoded == state);
  }
  // A default state too (nothing set, metadata "{}").
  auto empty = DecodeCallStateBinary(EncodeCallStateBinary(CallState{}));
  REQUIRE(empty.ok());
  CHECK(*empty == CallState{});
}

TEST_CASE("binary call states: cut short, extended or foreign bytes are corruption",
          "[codec][binary]") {
  RandomCalls calls(7);
  for (int i = 0; i < 200; ++i) {
    const std::string bytes = EncodeCallStateBinary(calls.Next());
    for (size_t size = 0; size < bytes.size(); ++size) {
      INFO("state " << i << " cut to " << size << " of " << bytes.size() << " bytes");
      REQUIRE(DecodeCallStateBinary(bytes.substr(0, size)).status().IsCorruption());
    }
    CHECK(DecodeCallStateBinary(bytes + '\0').status().IsCorruption());
    std::string other_version = bytes;
    other_version[0] = 2;
    CHECK(DecodeCallStateBinary(other_version).status().IsCorruption());
  }
  CHECK(DecodeCallStateBinary(R"({"exists":true,"status":"RINGING"})").status().IsCorruption());

  // An enum name the domain does not know (the status's name, "INITIATED", renamed).
  std::string bytes = EncodeCallStateBinary(CallState{});
  const size_t at = bytes.find("INITIATED");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 9, "INVENTED!");
  auto unknown = DecodeCallStateBinary(bytes);
  CHECK(unknown.status().IsCorruption());
  CHECK(unknown.status().message().find("INVENTED!") != std::string::npos);
}

}  // namespace
}  // namespace sb::testing
