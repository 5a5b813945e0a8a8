// Caller-ID profiles: upsert/remove rules, the single default, and which one a call presents.
#include <catch2/catch.hpp>

#include <string>

#include "domain/compliance/caller_id_choice.h"
#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::PolicyHarness;
using testing::Types;
using Kind = Rejection::Kind;

int DefaultCount(const CallingPolicyState& s) {
  int n = 0;
  for (const auto& [id, p] : s.caller_ids) n += p.is_default ? 1 : 0;
  return n;
}

std::string Chosen(const CallingPolicyState& s, const std::string& requested) {
  CallerIdChoice c = ChooseCallerId(s, requested);
  REQUIRE_FALSE(c.rejection.has_value());
  return c.profile ? c.profile->profile_id + " " + c.profile->number : "none";
}

TEST_CASE("caller id: explicit profile, else the default, else none", "[compliance][caller_id]") {
  PolicyHarness h;
  CHECK(Chosen(h.state, "") == "none");

  CHECK(h.Accept(UpsertCallerIdProfile{"sales", "+14155550200", "Sales", false}) ==
        Types{"CallerIdProfileUpserted"});
  CHECK(Chosen(h.state, "") == "none");  // a profile is not the default unless marked
  CHECK(Chosen(h.state, "sales") == "sales +14155550200");

  h.Accept(UpsertCallerIdProfile{"support", "+14155550300", "Support", true});
  CHECK(Chosen(h.state, "") == "support +14155550300");
  CHECK(Chosen(h.state, "sales") == "sales +14155550200");

  CallerIdChoice unknown = ChooseCallerId(h.state, "billing");
  REQUIRE(unknown.rejection.has_value());
  CHECK(unknown.rejection->code == "caller_id_profile_not_found");
  CHECK(unknown.rejection->kind == Kind::kInvalid);
  CHECK(unknown.rejection->field == "caller_id_profile_id");
  CHECK_FALSE(unknown.profile.has_value());
}

TEST_CASE("caller id: at most one default", "[compliance][caller_id]") {
  PolicyHarness h;
  h.Accept(UpsertCallerIdProfile{"support", "+14155550300", "Support", true});
  h.Accept(UpsertCallerIdProfile{"sales", "+14155550200", "Sales", true});
  CHECK(DefaultCount(h.state) == 1);
  CHECK(h.state.caller_ids.at("sales").is_default);
  CHECK_FALSE(h.state.caller_ids.at("support").is_default);
  CHECK(Chosen(h.state, "") == "sales +14155550200");

  // Unmarking the default leaves none; nothing is promoted behind the tenant's back.
  h.Accept(UpsertCallerIdProfile{"sales", "+14155550200", "Sales", false});
  CHECK(DefaultCount(h.state) == 0);
  CHECK(Chosen(h.state, "") == "none");

  h.Accept(UpsertCallerIdProfile{"support", "+14155550300", "Support", true});
  CHECK(h.Accept(RemoveCallerIdProfile{"support"}) == Types{"CallerIdProfileRemoved"});
  CHECK(DefaultCount(h.state) == 0);
  CHECK(Chosen(h.state, "") == "none");
  CHECK(h.state.caller_ids.size() == 1);
}

TEST_CASE("caller id: upsert and remove rules", "[compliance][caller_id]") {
  PolicyHarness h;
  const UpsertCallerIdProfile sales{"sales", "+14155550200", "Sales", false};
  h.Accept(sales);
  CHECK(h.Accept(sales).empty());  // identical: nothing recorded
  UpsertCallerIdProfile renumbered = sales;
  renumbered.number = "+14155550299";
  CHECK(h.Accept(renumbered) == Types{"CallerIdProfileUpserted"});
  CHECK(h.state.caller_ids.at("sales").number == "+14155550299");

  CHECK(h.Reject(UpsertCallerIdProfile{"", "+14155550200", "", false}, Kind::kInvalid,
                 "profile_id_required")
            .field == "profile_id");
  h.Reject(UpsertCallerIdProfile{std::string(65, 'p'), "+14155550200", "", false}, Kind::kInvalid,
           "invalid_profile_id");
  CHECK(
      h.Reject(UpsertCallerIdProfile{"x", "4155550200", "", false}, Kind::kInvalid, "invalid_phone")
          .field == "number");
  CHECK(h.Reject(UpsertCallerIdProfile{"x", "+14155550200", std::string(65, 'n'), false},
                 Kind::kInvalid, "invalid_display_name")
            .field == "display_name");
  h.Reject(RemoveCallerIdProfile{"nope"}, Kind::kNotFound, "caller_id_profile_not_found");
}

TEST_CASE("caller id: at most 1000 profiles", "[compliance][caller_id]") {
  PolicyHarness h;
  for (size_t i = 0; i < kMaxCallerIdProfiles; ++i) {
    const std::string id = "p" + std::to_string(i);
    h.state.caller_ids[id] = CallerIdProfile{id, "+14155550200", "", false};
  }
  h.Reject(UpsertCallerIdProfile{"one-more", "+14155550200", "", false}, Kind::kConflict,
           "too_many_profiles");
  // Changing one that exists is still fine.
  CHECK_FALSE(IsRejected(CallingPolicyDecider::Decide(
      h.state, UpsertCallerIdProfile{"p0", "+14155550201", "", true}, h.now)));
}

}  // namespace
}  // namespace sb::domain
