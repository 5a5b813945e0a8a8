// switchboard rebuild NAME... | --all: drops read models and folds them again from position 0,
// offline (the server must not be running; a running one rebuilds online through
// POST /api/v1/admin/projections/{name}/rebuild). Several models are folded side by side, each
// on a thread of its own. Shows events/s and an ETA on a terminal, plain progress lines
// otherwise.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "eventstore/event_store.h"
#include "ops/cli_options.h"
#include "ops/commands.h"
#include "projections/default_projections.h"
#include "projections/projection_engine.h"

namespace po = boost::program_options;

namespace sb::ops {
namespace {

// Progress: a bar redrawn in place on a terminal, a line every few seconds otherwise.
class RebuildProgress {
 public:
  explicit RebuildProgress(bool tty) : tty_(tty), start_(Clock::now()), last_print_(start_) {}

  void Update(uint64_t position, uint64_t last, bool final = false) {
    const auto now = Clock::now();
    if (!final && now - last_print_ <
                      (tty_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000))) {
      return;
    }
    last_print_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? position / seconds : 0;
    const double eta = rate > 0 ? (last - position) / rate : 0;
    const double fraction = last > 0 ? static_cast<double>(position) / last : 1.0;
    if (tty_) {
      const int width = 30;
      const int filled = static_cast<int>(fraction * width);
      std::fprintf(stderr, "\r[%-*s] %5.1f%%  %llu/%llu  %.0f events/s  ETA %.0fs\033[K", width,
                   std::string(filled, '#').c_str(), fraction * 100,
                   static_cast<unsigned long long>(position), static_cast<unsigned long long>(last),
                   rate, eta);
      if (final) std::fputc('\n', stderr);
    } else {
      std::fprintf(stderr, "rebuild: %llu/%llu events (%.1f%%), %.0f events/s, ETA %.0fs\n",
                   static_cast<unsigned long long>(position), static_cast<unsigned long long>(last),
                   fraction * 100, rate, eta);
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  const bool tty_;
  const Clock::time_point start_;
  Clock::time_point last_print_;
};

}  // namespace

int RunRebuild(const std::vector<std::string>& args) {
  std::string dir;
  std::vector<std::string> names;
  po::options_description options("options");
  options.add_options()("data", po::value(&dir)->default_value("./data"), "data directory")(
      "all", "every read model, side by side");
  po::options_description hidden;
  hidden.add_options()("name", po::value(&names), "projection");
  po::positional_options_description positional;
  positional.add("name", -1);
  po::variables_map values;
  if (auto code = ParseCommandLine("rebuild", "NAME... | --all [--data DIR]", options, hidden,
                                   positional, args, &values)) {
    return *code;
  }
  const bool all = values.count("all") > 0;
  if (names.empty() == !all) {
    std::cerr << "switchboard rebuild: name the read models to rebuild, or pass --all\n";
    return 2;
  }
  es::StoreOptions store_options;
  store_options.create_if_missing = false;
  auto store = es::EventStore::Open(dir, store_options);
  if (!store.ok()) {
    std::cerr << "switchboard rebuild: " << store.status().message() << "\n";
    if (store.status().IsBusy()) {
      std::cerr << "a running server rebuilds online: POST /api/v1/admin/projections/"
                << (names.empty() ? std::string("NAME") : names[0]) << "/rebuild\n";
    }
    return 1;
  }
  auto engine =
      projections::ProjectionEngine::Open(store->get(), projections::DefaultProjections());
  if (!engine.ok()) {
    std::cerr << "switchboard rebuild: " << engine.status().ToString() << "\n";
    return 1;
  }
  const auto known = (*engine)->Names();
  if (all) names = known;
  for (const auto& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::cerr << "switchboard rebuild: no projection named '" << name << "' (known:";
      for (const auto& n : known) std::cerr << " " << n;
      std::cerr << ")\n";
      return 2;
    }
  }
  RebuildProgress progress(isatty(STDERR_FILENO));
  uint64_t reached = 0, total = (*store)->LastPosition();
  Status s = (*engine)->Rebuild(names, [&](uint64_t position, uint64_t last) {
    reached = position;
    total = last;
    progress.Update(position, last);
  });
  progress.Update(reached, total, true);
  if (!s.ok()) {
    std::cerr << "switchboard rebuild: " << s.ToString() << "\n";
    return s.IsInvalidArgument() ? 2 : 1;
  }
  for (const auto& info : (*engine)->List()) {
    if (std::find(names.begin(), names.end(), info.name) != names.end()) {
      std::cout << "rebuilt " << info.name << ": generation " << info.generation << ", position "
                << info.position << "\n";
    }
  }
  return 0;
}
}  // namespace sb::ops
