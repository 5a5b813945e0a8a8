// switchboard: the one binary. `switchboard <command> [options]`; `<command> --help` for each.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "ops/commands.h"

namespace {

struct Command {
  int (*run)(const std::vector<std::string>&);
  const char* summary;
};

const std::map<std::string, Command>& Commands() {
  static const std::map<std::string, Command> commands = {
      {"events", {sb::ops::RunEvents, "print the log's events as JSON lines (optionally follow)"}},
      {"verify", {sb::ops::RunVerify, "prove the log contiguous and every record readable"}},
      {"serve", {sb::ops::RunServe, "run the server: log, actors, REST API and console feed"}},
      {"token", {sb::ops::RunToken, "mint a development bearer token (SWITCHBOARD_JWT_SECRET)"}},
      {"audit", {sb::ops::RunAudit, "one entity's timeline, or its state at an instant"}},
      {"backup", {sb::ops::RunBackup, "write a consistent copy of the data directory"}},
      {"rebuild", {sb::ops::RunRebuild, "drop a read model and fold it again from the log"}},
  };
  return commands;
}

void Usage(std::ostream& out) {
  out << "usage: switchboard <command> [options]\n\ncommands:\n";
  for (const auto& [name, command] : Commands()) {
    out << "  " << name << std::string(10 - name.size(), ' ') << command.summary << "\n";
  }
  out << "\n'switchboard <command> --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    Usage(std::cout);
    return 0;
  }
  auto it = Commands().find(name);
  if (it == Commands().end()) {
    std::cerr << "switchboard: unknown command '" << name << "'\n\n";
    Usage(std::cerr);
    return 2;
  }
  return it->second.run(std::vector<std::string>(argv + 2, argv + argc));
}
