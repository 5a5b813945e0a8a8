// `switchboard token`, run as a user would: its output verifies with VerifyToken.
#include <ctime>
#include <string>

#include <catch2/catch.hpp>

#include "http/auth.h"
#include "tests/support/run_switchboard.h"

namespace sb::http {
namespace {

using sb::testing::SwitchboardWithEnv;

TEST_CASE("switchboard token mints a token VerifyToken accepts", "[http][cli]") {
  const int64_t before = std::time(nullptr);
  auto run = SwitchboardWithEnv("SWITCHBOARD_JWT_SECRET=cli-secret",
                                "token --tenant acme --role supervisor --sub sup-1 --ttl 120");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  REQUIRE(!run.out.empty());
  REQUIRE(run.out.back() == '\n');
  const std::string token = run.out.substr(0, run.out.size() - 1);
  CHECK(token.find('\n') == std::string::npos);
  auto principal = VerifyToken("cli-secret", token, before);
  REQUIRE(principal.ok());
  CHECK(principal->tenant == "acme");
  CHECK(principal->role == Role::kSupervisor);
  CHECK(principal->subject == "sup-1");
  // --ttl 120: valid for two minutes, not longer.
  CHECK(VerifyToken("cli-secret", token, before + 100).ok());
  CHECK_FALSE(VerifyToken("cli-secret", token, before + 125).ok());
  CHECK_FALSE(VerifyToken("another-secret", token, before).ok());
}

TEST_CASE("switchboard token defaults to an hour", "[http][cli]") {
  const int64_t before = std::time(nullptr);
  auto run =
      SwitchboardWithEnv("SWITCHBOARD_JWT_SECRET=s", "token --tenant t1 --role agent --sub a");
  REQUIRE(run.exit_code == 0);
  const std::string token = run.out.substr(0, run.out.find('\n'));
  CHECK(VerifyToken("s", token, before + 3590).ok());
  CHECK_FALSE(VerifyToken("s", token, before + 3605).ok());
}

TEST_CASE("switchboard token reports usage errors with exit code 2", "[http][cli]") {
  auto no_secret = SwitchboardWithEnv("env -u SWITCHBOARD_JWT_SECRET",
                                      "token --tenant acme --role admin --sub root");
  CHECK(no_secret.exit_code == 2);
  CHECK(no_secret.out.find("SWITCHBOARD_JWT_SECRET") != std::string::npos);
  auto bad_role =
      SwitchboardWithEnv("SWITCHBOARD_JWT_SECRET=s", "token --tenant acme --role boss --sub x");
  CHECK(bad_role.exit_code == 2);
  CHECK(bad_role.out.find("--role") != std::string::npos);
  auto missing = SwitchboardWithEnv("SWITCHBOARD_JWT_SECRET=s", "token --role admin --sub x");
  CHECK(missing.exit_code == 2);
  auto bad_tenant =
      SwitchboardWithEnv("SWITCHBOARD_JWT_SECRET=s", "token --tenant a/b --role admin --sub x");
  CHECK(bad_tenant.exit_code == 2);
}

}  // namespace
}  // namespace sb::http
