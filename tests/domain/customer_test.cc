// Customer (lead) decider: every transition and every rejection.
#include <catch2/catch.hpp>

#include "domain/customer_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::Harness;
using testing::kT0;
using testing::Types;
using Kind = Rejection::Kind;

CustomerProfile John(bool consent = true) {
  return CustomerProfile{"John Doe", "+1234567890", "john@example.com", consent};
}

Harness<CustomerDecider> Registered(bool consent = true) {
  Harness<CustomerDecider> h;
  h.Accept(RegisterCustomer{John(consent)});
  return h;
}

TEST_CASE("customer: every command but RegisterCustomer is 404 before registration", "[customer]") {
  const CustomerCommand commands[] = {
      UpdateCustomerProfile{John()},
      ConnectCustomer{"ws-1"},
      DisconnectCustomer{"ws-1", 10},
      ExpireCustomerPresence{kT0},
      OpenCustomerProfile{"agent-1", "Alice", ""},
      CloseCustomerProfile{"agent-1"},
      RequestCustomerLine{"call-1", "agent-1"},
      ReleaseCustomerLine{"call-1"},
  };
  for (const CustomerCommand& c : commands) {
    Harness<CustomerDecider> h;
    h.Reject(c, Kind::kNotFound, "customer_not_found");
  }
}

TEST_CASE("customer: registration, upsert and profile update", "[customer]") {
  Harness<CustomerDecider> h;
  CHECK(h.Accept(RegisterCustomer{John()}) == Types{"CustomerRegistered"});
  CHECK(h.state.exists);
  CHECK(h.state.profile == John());
  CHECK(h.state.created_at == kT0);
  CHECK_FALSE(IsOnline(h.state));
  CHECK(h.Accept(RegisterCustomer{John()}).empty());
  CHECK(h.Accept(RegisterCustomer{John(false)}) == Types{"CustomerProfileUpdated"});
  CHECK_FALSE(h.state.profile.consent_in_app_calls);
  CustomerProfile p = John();
  p.phone = "+8801712345678";
  CHECK(h.Accept(UpdateCustomerProfile{p}) == Types{"CustomerProfileUpdated"});
  CHECK(h.state.profile.phone == "+8801712345678");
  CHECK(h.Accept(UpdateCustomerProfile{p}).empty());
}

TEST_CASE("customer: a lead may have no phone, but a phone must be E.164", "[customer]") {
  Harness<CustomerDecider> h;
  CHECK(h.Accept(RegisterCustomer{CustomerProfile{"Walk-in", "", "", false}}) ==
        Types{"CustomerRegistered"});
  for (const char* bad : {"01712345678", "+0987654321", "+1 234 567 890", "+12345", "phone"}) {
    INFO(bad);
    CustomerProfile p = John();
    p.phone = bad;
    CHECK(h.Reject(UpdateCustomerProfile{p}, Kind::kInvalid, "invalid_phone").field == "phone");
    Harness<CustomerDecider> fresh;
    fresh.Reject(RegisterCustomer{p}, Kind::kInvalid, "invalid_phone");
  }
  CustomerProfile p = John();
  p.email = "john.example.com";
  CHECK(h.Reject(UpdateCustomerProfile{p}, Kind::kInvalid, "invalid_email").field == "email");
}

TEST_CASE("customer: online while a console connection is open", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  CHECK(h.Accept(ConnectCustomer{"ws-1"}) == Types{"CustomerConnected"});
  CHECK(IsOnline(h.state));
  CHECK(IsLive(h.state));
  CHECK(std::string(AvailabilityOf(h.state)) == "live");
  CHECK(h.Accept(ConnectCustomer{"ws-1"}).empty());  // already open
  CHECK(h.Accept(ConnectCustomer{"ws-2"}) == Types{"CustomerConnected"});
  CHECK(h.state.connections.size() == 2);
  // Closing one of two leaves the customer online with no deadline.
  CHECK(h.Accept(DisconnectCustomer{"ws-1", 10}) == Types{"CustomerDisconnected"});
  CHECK(IsOnline(h.state));
  CHECK_FALSE(h.state.offline_deadline.has_value());
  CHECK(h.Reject(ConnectCustomer{""}, Kind::kInvalid, "connection_id_required").field ==
        "connection_id");
}

TEST_CASE("customer: the last disconnect starts the grace period; expiry goes offline",
          "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(ConnectCustomer{"ws-1"});
  h.now = kT0 + Seconds(60);
  CHECK(h.Accept(DisconnectCustomer{"ws-1", 15}) == Types{"CustomerDisconnected"});
  const Timestamp deadline = kT0 + Seconds(75);
  CHECK(h.state.offline_deadline == deadline);
  CHECK(h.state.connections.empty());
  CHECK(IsOnline(h.state));  // still within grace
  CHECK(IsLive(h.state));
  h.now = deadline;
  CHECK(h.Accept(ExpireCustomerPresence{deadline}) == Types{"CustomerWentOffline"});
  CHECK_FALSE(IsOnline(h.state));
  CHECK_FALSE(h.state.offline_deadline.has_value());
  CHECK(std::string(AvailabilityOf(h.state)) == "to_rescue");
  CHECK(h.state.last_seen_at == kT0 + Seconds(60));
  CHECK(h.Accept(ExpireCustomerPresence{deadline}).empty());  // fired twice
}

TEST_CASE("customer: a reconnect within grace cancels the deadline; the timer is then stale",
          "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(ConnectCustomer{"ws-1"});
  h.Accept(DisconnectCustomer{"ws-1", 15});
  const Timestamp deadline = *h.state.offline_deadline;
  h.now += Seconds(3);
  CHECK(h.Accept(ConnectCustomer{"ws-2"}) == Types{"CustomerConnected"});
  CHECK_FALSE(h.state.offline_deadline.has_value());
  h.now = deadline;
  CHECK(h.Accept(ExpireCustomerPresence{deadline}).empty());
  CHECK(IsOnline(h.state));
}

TEST_CASE("customer: a timer for another deadline is ignored", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(ConnectCustomer{"ws-1"});
  h.Accept(DisconnectCustomer{"ws-1", 15});
  const Timestamp deadline = *h.state.offline_deadline;
  CHECK(h.Accept(ExpireCustomerPresence{deadline - Seconds(5)}).empty());
  CHECK(h.state.offline_deadline == deadline);
  // A second grace period replaces the first: the first timer is stale.
  h.now += Seconds(2);
  h.Accept(ConnectCustomer{"ws-2"});
  h.Accept(DisconnectCustomer{"ws-2", 15});
  CHECK(h.Accept(ExpireCustomerPresence{deadline}).empty());
  CHECK(h.Accept(ExpireCustomerPresence{*h.state.offline_deadline}) ==
        Types{"CustomerWentOffline"});
}

TEST_CASE("customer: disconnect without grace goes offline at once", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(ConnectCustomer{"ws-1"});
  CHECK(h.Accept(DisconnectCustomer{"ws-1", 0}) ==
        Types{"CustomerDisconnected", "CustomerWentOffline"});
  CHECK_FALSE(IsOnline(h.state));
  CHECK_FALSE(h.state.offline_deadline.has_value());
}

TEST_CASE("customer: disconnect edge cases", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(ConnectCustomer{"ws-1"});
  CHECK(h.Accept(DisconnectCustomer{"ws-unknown", 10}).empty());
  CHECK(h.Reject(DisconnectCustomer{"ws-1", -1}, Kind::kInvalid, "invalid_grace_seconds").field ==
        "grace_seconds");
  h.Reject(DisconnectCustomer{"ws-1", 3601}, Kind::kInvalid, "invalid_grace_seconds");
  CHECK(h.state.connections.count("ws-1") == 1);
}

TEST_CASE("customer: live needs both presence and consent", "[customer]") {
  Harness<CustomerDecider> no_consent = Registered(false);
  no_consent.Accept(ConnectCustomer{"ws-1"});
  CHECK(IsOnline(no_consent.state));
  CHECK_FALSE(IsLive(no_consent.state));
  CHECK(std::string(AvailabilityOf(no_consent.state)) == "to_rescue");
  Harness<CustomerDecider> offline = Registered(true);
  CHECK_FALSE(IsLive(offline.state));
}

TEST_CASE("customer: profile viewers drive the counter and the agent cards", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  CHECK(h.Accept(OpenCustomerProfile{"agent-1", "Alice", "https://a/alice.png"}) ==
        Types{"ProfileOpened"});
  CHECK(h.state.ViewerCount() == 1);
  CHECK(h.state.viewers.at("agent-1").agent_name == "Alice");
  CHECK(h.state.viewers.at("agent-1").opened_at == kT0);
  CHECK(h.Accept(OpenCustomerProfile{"agent-1", "Alice", "https://a/alice.png"}).empty());
  h.now += Seconds(1);
  CHECK(h.Accept(OpenCustomerProfile{"agent-2", "Bob", ""}) == Types{"ProfileOpened"});
  CHECK(h.state.ViewerCount() == 2);
  // A changed card is refreshed without changing the counter.
  CHECK(h.Accept(OpenCustomerProfile{"agent-1", "Alice R.", "https://a/alice.png"}) ==
        Types{"ProfileOpened"});
  CHECK(h.state.ViewerCount() == 2);
  CHECK(h.state.viewers.at("agent-1").agent_name == "Alice R.");
  // The events carry the counter, so a console feed needs no state to show it.
  auto opened = CustomerDecider::Decide(h.state, OpenCustomerProfile{"agent-3", "Cy", ""}, h.now);
  CHECK(std::get<ProfileOpened>(EventsOf(opened).at(0)).viewers == 3);
  auto closed = CustomerDecider::Decide(h.state, CloseCustomerProfile{"agent-1"}, h.now);
  CHECK(std::get<ProfileClosed>(EventsOf(closed).at(0)).viewers == 1);
  CHECK(h.Accept(CloseCustomerProfile{"agent-1"}) == Types{"ProfileClosed"});
  CHECK(h.state.ViewerCount() == 1);
  CHECK(h.Accept(CloseCustomerProfile{"agent-1"}).empty());
  CHECK(h.Accept(CloseCustomerProfile{"agent-9"}).empty());
  CHECK(
      h.Reject(OpenCustomerProfile{"", "Nobody", ""}, Kind::kInvalid, "agent_id_required").field ==
      "agent_id");
}

TEST_CASE("customer: the line is granted to one call at a time", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  CHECK(h.Accept(RequestCustomerLine{"call-1", "agent-1"}) == Types{"LineGranted"});
  CHECK(h.state.LineHeld());
  CHECK(h.state.line_call_id == "call-1");
  CHECK(h.state.line_agent_id == "agent-1");
  CHECK(h.state.line_granted_at == kT0);
  CHECK(h.Accept(RequestCustomerLine{"call-1", "agent-1"}).empty());  // retry
  const Rejection r =
      h.Reject(RequestCustomerLine{"call-2", "agent-2"}, Kind::kConflict, "customer_busy");
  CHECK(r.holder == "call-1");
  CHECK(r.message.find("call-1") != std::string::npos);
}

TEST_CASE("customer: only the holding call releases the line", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  h.Accept(RequestCustomerLine{"call-1", "agent-1"});
  CHECK(h.Accept(ReleaseCustomerLine{"call-2"}).empty());
  CHECK(h.state.line_call_id == "call-1");
  CHECK(h.Accept(ReleaseCustomerLine{"call-1"}) == Types{"LineReleased"});
  CHECK_FALSE(h.state.LineHeld());
  CHECK_FALSE(h.state.line_granted_at.has_value());
  CHECK(h.Accept(ReleaseCustomerLine{"call-1"}).empty());
  CHECK(h.Accept(RequestCustomerLine{"call-2", "agent-2"}) == Types{"LineGranted"});
  CHECK(h.state.line_call_id == "call-2");
}

TEST_CASE("customer: the line is arbitrated whatever the presence", "[customer]") {
  Harness<CustomerDecider> h = Registered(false);  // offline, no consent: a to-rescue lead
  CHECK(h.Accept(RequestCustomerLine{"call-1", "agent-1"}) == Types{"LineGranted"});
  h.Reject(RequestCustomerLine{"call-2", "agent-2"}, Kind::kConflict, "customer_busy");
}

TEST_CASE("customer: a line request needs both ids", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  CHECK(h.Reject(RequestCustomerLine{"", "agent-1"}, Kind::kInvalid, "call_id_required").field ==
        "call_id");
  CHECK(h.Reject(RequestCustomerLine{"call-1", ""}, Kind::kInvalid, "agent_id_required").field ==
        "agent_id");
}

TEST_CASE("customer: twenty agents race for the line, exactly one wins", "[customer]") {
  Harness<CustomerDecider> h = Registered();
  int granted = 0;
  int busy = 0;
  for (int i = 0; i < 20; ++i) {
    auto d = h.Run(RequestCustomerLine{"call-" + std::to_string(i), "agent-" + std::to_string(i)});
    if (IsRejected(d)) {
      CHECK(RejectionOf(d).code == "customer_busy");
      CHECK(RejectionOf(d).holder == "call-0");
      ++busy;
    } else {
      ++granted;
    }
  }
  CHECK(granted == 1);
  CHECK(busy == 19);
}

}  // namespace
}  // namespace sb::domain
