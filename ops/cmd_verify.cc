// switchboard verify: proves the log whole, or names every fault it finds.
#include <unistd.h>

#include <iostream>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "ops/cli_options.h"
#include "ops/commands.h"

namespace po = boost::program_options;

namespace sb::ops {

int RunVerify(const std::vector<std::string>& args) {
  std::string dir;
  po::options_description options("options");
  options.add_options()("data", po::value(&dir)->default_value("./data"), "data directory");
  po::variables_map values;
  if (auto code = ParseCommandLine("verify", "[--data DIR]", options, args, &values)) return *code;

  es::StoreOptions store_options;
  store_options.follower = true;
  auto store = es::EventStore::Open(dir, store_options);
  if (!store.ok()) {
    std::cerr << "switchboard verify: " << store.status().message() << "\n";
    return 1;
  }
  const bool tty = isatty(STDERR_FILENO);
  auto report = es::Verify(**store, [tty](uint64_t checked) {
    if (tty) std::cerr << "\rchecked " << checked << " records" << std::flush;
  });
  if (tty) std::cerr << "\r\033[K";
  if (!report.ok()) {
    std::cerr << "switchboard verify: " << report.status().ToString() << "\n";
    return 1;
  }
  for (const auto& fault : report->faults) std::cout << "FAULT: " << fault << "\n";
  if (report->fault_count > report->faults.size()) {
    std::cout << "... and " << report->fault_count - report->faults.size() << " more faults\n";
  }
  std::cout << (report->ok() ? "OK" : "FAILED") << ": " << report->events << " events, "
            << report->streams << " streams, last position " << report->last_position << ", "
            << report->snapshots << " snapshots";
  if (!report->ok()) std::cout << ", " << report->fault_count << " faults";
  std::cout << "\n";
  return report->ok() ? 0 : 1;
}

}  // namespace sb::ops
