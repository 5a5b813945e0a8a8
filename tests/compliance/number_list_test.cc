// Number lists: adding, moving between lists, removing, and the rules an entry must satisfy.
#include <catch2/catch.hpp>

#include <string>

#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::PolicyHarness;
using testing::Types;
using Kind = Rejection::Kind;

constexpr const char* kNumber = "+14155550100";

TEST_CASE("numbers: add, move to another list, remove", "[compliance][numbers]") {
  PolicyHarness h;
  CHECK(h.Accept(AddNumber{kNumber, "block", "asked not to be called"}) == Types{"NumberListed"});
  const ListedNumber* entry = FindListedNumber(h.state, kNumber);
  REQUIRE(entry != nullptr);
  CHECK(entry->list == NumberList::kBlock);
  CHECK(entry->reason == "asked not to be called");
  CHECK(entry->added_at == h.now);

  // A retried POST changes nothing, not even when it was listed.
  const Timestamp first = h.now;
  h.now += Seconds(60);
  CHECK(h.Accept(AddNumber{kNumber, "block", "asked not to be called"}).empty());
  CHECK(FindListedNumber(h.state, kNumber)->added_at == first);

  // Moving replaces the entry: still one entry, on the new list, listed now.
  CHECK(h.Accept(AddNumber{kNumber, "vip", "key account"}) == Types{"NumberListed"});
  REQUIRE(h.state.numbers.size() == 1);
  CHECK(FindListedNumber(h.state, kNumber)->list == NumberList::kVip);
  CHECK(FindListedNumber(h.state, kNumber)->reason == "key account");
  CHECK(FindListedNumber(h.state, kNumber)->added_at == first + Seconds(60));

  // A new reason on the same list is recorded.
  CHECK(h.Accept(AddNumber{kNumber, "vip", "key account, EMEA"}) == Types{"NumberListed"});
  CHECK(FindListedNumber(h.state, kNumber)->reason == "key account, EMEA");

  CHECK(h.Accept(AddNumber{"+442071838750", "spam", ""}) == Types{"NumberListed"});
  CHECK(h.state.numbers.size() == 2);

  CHECK(h.Accept(RemoveNumber{kNumber}) == Types{"NumberUnlisted"});
  CHECK(FindListedNumber(h.state, kNumber) == nullptr);
  CHECK(h.state.numbers.size() == 1);
  CHECK(h.state.updated_at == h.now);
  h.Reject(RemoveNumber{kNumber}, Kind::kNotFound, "number_not_listed");
}

TEST_CASE("numbers: list names ignore case and take the seed's whitelist/blacklist",
          "[compliance][numbers]") {
  PolicyHarness h;
  h.Accept(AddNumber{kNumber, "BLOCK", ""});
  CHECK(FindListedNumber(h.state, kNumber)->list == NumberList::kBlock);
  h.Accept(AddNumber{kNumber, "Whitelist", ""});
  CHECK(FindListedNumber(h.state, kNumber)->list == NumberList::kAllow);
  h.Accept(AddNumber{kNumber, "blacklist", ""});
  CHECK(FindListedNumber(h.state, kNumber)->list == NumberList::kBlock);
  h.Accept(AddNumber{kNumber, "VIP", ""});
  CHECK(FindListedNumber(h.state, kNumber)->list == NumberList::kVip);
}

TEST_CASE("numbers: a bad entry is refused naming the field", "[compliance][numbers]") {
  PolicyHarness h;
  for (const char* bad :
       {"4155550100", "+1 415 555 0100", "+0415555010", "+123456", "", "+1-415"}) {
    INFO(bad);
    CHECK(h.Reject(AddNumber{bad, "block", ""}, Kind::kInvalid, "invalid_phone").field == "number");
    CHECK(h.Reject(RemoveNumber{bad}, Kind::kInvalid, "invalid_phone").field == "number");
  }
  for (const char* bad : {"blocked", "dnc", "", "allow "}) {
    INFO(bad);
    CHECK(h.Reject(AddNumber{kNumber, bad, ""}, Kind::kInvalid, "invalid_list").field == "list");
  }
  CHECK(h.Reject(AddNumber{kNumber, "block", std::string(501, 'x')}, Kind::kInvalid,
                 "reason_too_long")
            .field == "reason");
  CHECK(h.Accept(AddNumber{kNumber, "block", std::string(500, 'x')}) == Types{"NumberListed"});
  CHECK(HttpStatusOf(Kind::kInvalid) == 422);
}

TEST_CASE("numbers: at most 100000, but entries that exist can still change",
          "[compliance][numbers]") {
  CallingPolicyState full;
  for (size_t i = 0; i < kMaxListedNumbers; ++i) {
    const std::string number = "+1415" + std::to_string(1'000'000 + i);
    full.numbers[number] = ListedNumber{number, NumberList::kBlock, "", testing::kT0};
  }
  REQUIRE(full.numbers.size() == 100'000);

  auto refused =
      CallingPolicyDecider::Decide(full, AddNumber{"+442071838750", "block", ""}, testing::kT0);
  REQUIRE(IsRejected(refused));
  CHECK(RejectionOf(refused).code == "too_many_numbers");
  CHECK(RejectionOf(refused).kind == Kind::kConflict);

  const std::string existing = full.numbers.begin()->first;
  auto moved =
      CallingPolicyDecider::Decide(full, AddNumber{existing, "allow", "consented"}, testing::kT0);
  REQUIRE_FALSE(IsRejected(moved));
  CHECK(EventsOf(moved).size() == 1);

  // After a removal there is room again.
  CallingPolicyState after = CallingPolicyDecider::Evolve(full, NumberUnlisted{existing, 1});
  CHECK_FALSE(IsRejected(
      CallingPolicyDecider::Decide(after, AddNumber{"+442071838750", "block", ""}, testing::kT0)));
}

}  // namespace
}  // namespace sb::domain
