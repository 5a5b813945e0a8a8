// Runs the real `switchboard` binary as a user would, for the CLI tests.
#ifndef SWITCHBOARD_TESTS_SUPPORT_RUN_SWITCHBOARD_H_
#define SWITCHBOARD_TESTS_SUPPORT_RUN_SWITCHBOARD_H_

#include <stdio.h>
#include <sys/wait.h>

#include <string>

#include <catch2/catch.hpp>

namespace sb::testing {

struct Run {
  int exit_code;
  std::string out;  // stdout and stderr
};

// `env` ("NAME=value ...", may be empty) is put before the command in the shell.
inline Run SwitchboardWithEnv(const std::string& env, const std::string& args) {
  const std::string command = env + " " + std::string(SWITCHBOARD_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  Run run{0, ""};
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline Run Switchboard(const std::string& args) { return SwitchboardWithEnv("", args); }

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_RUN_SWITCHBOARD_H_
