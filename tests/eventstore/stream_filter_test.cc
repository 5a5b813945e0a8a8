// Stream filters: the server's star globs are matched without fnmatch, with fnmatch's answers.
#include <fnmatch.h>

#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "eventstore/stream_filter.h"

namespace sb::testing {
namespace {

std::string RandomText(std::mt19937& rng, std::string_view alphabet, size_t max_size) {
  std::string text(std::uniform_int_distribution<size_t>(0, max_size)(rng), ' ');
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (char& c : text) c = alphabet[pick(rng)];
  return text;
}

TEST_CASE("stream filters answer as fnmatch does", "[eventstore][filter]") {
  SECTION("the filters the server makes") {
    const auto calls = es::StreamFilter::Glob("*/call/*");
    CHECK(calls.Matches("acme/call/c1"));
    CHECK(calls.Matches("a/b/call/c"));  // '*' crosses '/'
    CHECK(calls.Matches("/call/"));
    CHECK_FALSE(calls.Matches("acme/calls/c1"));
    CHECK_FALSE(calls.Matches("acme/agent/call"));
    const auto tenant = es::StreamFilter::Glob("acme/*");
    CHECK(tenant.Matches("acme/call/c1"));
    CHECK(tenant.Matches("acme/"));
    CHECK_FALSE(tenant.Matches("acme"));
    CHECK_FALSE(tenant.Matches("acmeco/call/c1"));
    CHECK(es::StreamFilter().Matches("anything"));
    CHECK(es::StreamFilter::Glob("acme/call/c1").Matches("acme/call/c1"));
    CHECK_FALSE(es::StreamFilter::Glob("acme/call/c1").Matches("acme/call/c12"));
  }
  SECTION("random patterns and names, with and without other wildcards") {
    std::mt19937 rng(20261206);
    size_t matched = 0;
    for (int i = 0; i < 200000; ++i) {
      // Few letters, so that pieces overlap and repeat: the cases a greedy matcher gets wrong.
      const std::string pattern = RandomText(rng, i % 10 == 0 ? "ab/*?[]" : "ab/**", 8);
      const std::string name = RandomText(rng, "ab/", 10);
      const bool expected = fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
      INFO("pattern '" << pattern << "' name '" << name << "'");
      // An empty pattern is the filter that takes every stream, not fnmatch's empty name.
      if (pattern.empty()) continue;
      REQUIRE(es::StreamFilter::Glob(pattern).Matches(name) == expected);
      matched += expected;
    }
    CHECK(matched > 1000);  // the sample has matches to get right, not only refusals
  }
}

}  // namespace
}  // namespace sb::testing
