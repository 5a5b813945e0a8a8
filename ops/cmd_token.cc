// switchboard token: mints a bearer token for development and tests, signed with the server's
// secret (SWITCHBOARD_JWT_SECRET) so that `serve` accepts it.
#include <stdlib.h>

#include <ctime>
#include <iostream>

#include "http/auth.h"
#include "ops/cli_options.h"
#include "ops/commands.h"

namespace po = boost::program_options;

namespace sb::ops {

int RunToken(const std::vector<std::string>& args) {
  std::string tenant, role_name, subject;
  int64_t ttl = 3600;
  po::options_description options("options");
  options.add_options()("tenant", po::value(&tenant)->required(), "the tenant the token is for")(
      "role", po::value(&role_name)->required(), "admin, supervisor, agent or customer")(
      "sub", po::value(&subject)->required(), "the subject: agent, customer or operator id")(
      "ttl", po::value(&ttl)->default_value(3600), "seconds until the token expires");
  po::variables_map values;
  if (auto code = ParseCommandLine(
          "token", "--tenant T --role admin|supervisor|agent|customer --sub ID [--ttl SECONDS]",
          options, args, &values)) {
    return *code;
  }
  const char* secret = getenv("SWITCHBOARD_JWT_SECRET");
  if (secret == nullptr || *secret == '\0') {
    std::cerr << "switchboard token: SWITCHBOARD_JWT_SECRET is not set; export the secret the "
                 "server verifies tokens with\n";
    return 2;
  }
  const auto role = http::ParseRole(role_name);
  if (!role) {
    std::cerr << "switchboard token: --role must be admin, supervisor, agent or customer\n";
    return 2;
  }
  auto token = http::MintToken(secret, http::Principal{tenant, *role, subject}, ttl,
                               static_cast<int64_t>(std::time(nullptr)));
  if (!token.ok()) {
    std::cerr << "switchboard token: " << token.status().message() << "\n";
    return 2;
  }
  std::cout << *token << "\n";
  return 0;
}

}  // namespace sb::ops
