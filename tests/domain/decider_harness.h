// Test support: drive a decider like its actor would (decide, then fold), and check on the
// way that every event and every resulting state survives its JSON round trip.
#ifndef SWITCHBOARD_TESTS_DOMAIN_DECIDER_HARNESS_H_
#define SWITCHBOARD_TESTS_DOMAIN_DECIDER_HARNESS_H_

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "domain/decision.h"
#include "domain/rejection.h"
#include "domain/time.h"

namespace sb::domain::testing {

// Compares what a decoded state rebuilt of its derived lookups with what Evolve kept up to
// date. Nothing by default; a state with such lookups overloads it in its own namespace.
template <class S>
void CheckDerivedLookups(const S& /*rebuilt*/, const S& /*kept*/) {}

// 2025-12-03T10:30:00Z, the instant of seed 001's examples.
inline constexpr Timestamp kT0 = 1'764'757'800LL * kMicrosPerSecond;

template <class D>
class Harness {
 public:
  using State = typename D::State;
  using Command = typename D::Command;
  using Event = typename D::Event;
  using Result = Decision<Event>;

  State state;
  Timestamp now = kT0;

  // Decides at `now`; on acceptance folds the events into `state`.
  Result Run(const Command& command) {
    Result decision = D::Decide(state, command, now);
    if (IsRejected(decision)) return decision;
    for (const Event& event : EventsOf(decision)) {
      CheckEventRoundTrip(event);
      state = D::Evolve(state, event);
    }
    CheckStateRoundTrip(state);
    return decision;
  }

  // Runs a command that must be accepted; returns the event type names it produced.
  std::vector<std::string> Accept(const Command& command) {
    Result decision = Run(command);
    INFO(Describe(decision));
    REQUIRE_FALSE(IsRejected(decision));
    return TypesOf(decision);
  }

  // Runs a command that must be rejected with `kind` and `code`; the state must not change.
  Rejection Reject(const Command& command, Rejection::Kind kind, const std::string& code) {
    const std::string before = D::EncodeState(state);
    Result decision = Run(command);
    INFO(Describe(decision));
    REQUIRE(IsRejected(decision));
    const Rejection& r = RejectionOf(decision);
    CHECK(r.kind == kind);
    CHECK(r.code == code);
    CHECK(D::EncodeState(state) == before);
    return r;
  }

  static std::vector<std::string> TypesOf(const Result& decision) {
    std::vector<std::string> types;
    if (IsRejected(decision)) return types;
    for (const Event& e : EventsOf(decision)) types.push_back(D::TypeOf(e));
    return types;
  }

  static std::string Describe(const Result& decision) {
    if (IsRejected(decision)) {
      const Rejection& r = RejectionOf(decision);
      return "rejected " + r.code + ": " + r.message;
    }
    std::string out = "events:";
    for (const std::string& t : TypesOf(decision)) out += " " + t;
    return out;
  }

  static void CheckEventRoundTrip(const Event& event) {
    const std::string type = D::TypeOf(event);
    const std::string payload = D::EncodeEvent(event);
    INFO(type << " " << payload);
    auto decoded = D::DecodeEvent(type, payload);
    REQUIRE(decoded.ok());
    CHECK(*decoded == event);
    CHECK(D::EncodeEvent(*decoded) == payload);
  }

  static void CheckStateRoundTrip(const State& s) {
    const std::string text = D::EncodeState(s);
    INFO(text);
    auto decoded = D::DecodeState(text);
    REQUIRE(decoded.ok());
    CHECK(*decoded == s);
    CHECK(D::EncodeState(*decoded) == text);
    CheckDerivedLookups(*decoded, s);
  }
};

using Types = std::vector<std::string>;

}  // namespace sb::domain::testing

#endif  // SWITCHBOARD_TESTS_DOMAIN_DECIDER_HARNESS_H_
