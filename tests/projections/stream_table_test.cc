// StreamTable against std::map on the same names: every name inserted is found with its own
// value, through growth and with names of every length around the inline limit; names never
// inserted (including ones that share all but their last character with one that was) are not
// found; entries do not move while others are added.
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "projections/stream_table.h"

namespace sb::testing {
namespace {

using projections::StreamTable;

std::string RandomName(std::mt19937_64& rng) {
  // Lengths from 1 to 120, so that names fall on both sides of the inline limit (56).
  std::uniform_int_distribution<int> length(1, 120), letter('a', 'z');
  std::string name(static_cast<size_t>(length(rng)), 'x');
  for (char& c : name) c = static_cast<char>(letter(rng));
  return name;
}

TEST_CASE("stream table: finds what it holds, nothing else, and keeps entries in place",
          "[projections][stream_table]") {
  std::mt19937_64 rng(7);
  StreamTable<int> table;
  std::map<std::string, int> expected;
  std::vector<std::pair<std::string, const int*>> addresses;
  for (int i = 0; i < 50000; ++i) {
    std::string name = RandomName(rng);
    if (expected.count(name)) continue;
    expected.emplace(name, i);
    addresses.emplace_back(name, &table.Insert(name, i));
  }
  REQUIRE(table.size() == expected.size());
  for (const auto& [name, value] : expected) {
    const int* found = table.Find(name);
    REQUIRE(found != nullptr);
    CHECK(*found == value);
  }
  for (const auto& [name, address] : addresses) CHECK(table.Find(name) == address);

  for (const auto& [name, value] : expected) {
    std::string near = name;
    near.back() = near.back() == 'z' ? 'y' : static_cast<char>(near.back() + 1);
    if (!expected.count(near)) CHECK(table.Find(near) == nullptr);
    if (!expected.count(name + "a")) CHECK(table.Find(name + "a") == nullptr);
    if (name.size() > 1 && !expected.count(name.substr(1))) {
      CHECK(table.Find(name.substr(1)) == nullptr);
    }
  }

  table.Clear();
  CHECK(table.size() == 0);
  CHECK(table.Find(expected.begin()->first) == nullptr);
  table.Insert("acme/call/1", 5);
  CHECK(*table.Find("acme/call/1") == 5);
}

}  // namespace
}  // namespace sb::testing
