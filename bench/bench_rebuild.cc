// bench_rebuild: offline rebuilds over a log of N random domain events (agents, customers,
// calls), next to a raw `$all` read of the same log in the same run (the store's copy-free
// ScanAll, records decoded and CRC-checked, nothing folded): each read model alone, then all
// of them side by side (`switchboard rebuild --all`). Prints the rates; the goal is the
// slowest single-model rebuild (`switchboard rebuild NAME`) at >= 0.50 of the raw read's
// rate; the side-by-side ratio, the CPU both took, and last one JSON line are reported.
//
//   bench_rebuild [--events 1000000] [--dir PATH]
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "bench/thread_cpu.h"
#include "projections/default_projections.h"
#include "projections/projection_engine.h"
#include "tests/support/random_events.h"

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Appends `count` random events with many appends in flight (group commit), in order.
bool Fill(sb::es::EventStore& store, uint64_t count) {
  sb::testing::RandomHistory history(2026, 500, 2000);
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0;
  bool failed = false;
  for (uint64_t i = 0; i < count; ++i) {
    auto next = history.Next();
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return in_flight < 1024; });
      ++in_flight;
    }
    store.AppendAsync(next.stream, sb::es::ExpectedVersion::Any(), {next.event},
                      [&](const sb::es::AppendResult& r) {
                        std::lock_guard lock(mu);
                        failed = failed || !r.status.ok();
                        --in_flight;
                        cv.notify_all();
                      });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return in_flight == 0; });
  return !failed;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 1'000'000;
  std::string dir;
  po::options_description options("bench_rebuild options");
  options.add_options()("help", "this text")("events", po::value(&events)->default_value(events),
                                             "events in the log")(
      "dir", po::value(&dir), "where to put the log (default: a temp directory, removed after)");
  po::variables_map values;
  try {
    po::store(po::parse_command_line(argc, argv, options), values);
    po::notify(values);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_rebuild: %s\n", e.what());
    return 2;
  }
  if (values.count("help")) {
    std::printf("%s", (std::ostringstream() << options).str().c_str());
    return 0;
  }
  const bool temp = dir.empty();
  if (temp) {
    dir = (std::filesystem::temp_directory_path() / ("bench-rebuild-" + std::to_string(getpid())))
              .string();
  }
  int code = 0;
  {
    auto store = sb::es::EventStore::Open(dir);
    if (!store.ok()) {
      std::fprintf(stderr, "bench_rebuild: %s\n", store.status().ToString().c_str());
      return 1;
    }
    auto start = Clock::now();
    if ((*store)->LastPosition() < events && !Fill(**store, events - (*store)->LastPosition())) {
      std::fprintf(stderr, "bench_rebuild: appending failed\n");
      return 1;
    }
    const uint64_t last = (*store)->LastPosition();
    std::printf("log: %llu events (filled in %.1f s)\n", static_cast<unsigned long long>(last),
                Since(start));

    // Baseline: every record of $all decoded and CRC-checked, nothing folded.
    const double raw_cpu_before = sb::bench::TakeCpuSnapshot().process_seconds;
    start = Clock::now();
    uint64_t scanned = 0, bytes = 0;
    auto scan = (*store)->ScanAll(1, last, {}, [&](const sb::es::RecordedEvent& e) {
      ++scanned;
      bytes += e.payload.size();
    });
    const double raw_seconds = Since(start);
    const double raw_cpu = sb::bench::TakeCpuSnapshot().process_seconds - raw_cpu_before;
    if (!scan.ok() || scanned != last) {
      std::fprintf(stderr, "bench_rebuild: raw read failed\n");
      return 1;
    }
    const double raw_rate = last / raw_seconds;

    auto engine = sb::projections::ProjectionEngine::Open(store->get(),
                                                          sb::projections::DefaultProjections());
    if (!engine.ok()) {
      std::fprintf(stderr, "bench_rebuild: %s\n", engine.status().ToString().c_str());
      return 1;
    }
    boost::json::object per_projection;
    double slowest_ratio = 0;  // of the single-model rebuilds: the goal
    for (const auto& name : (*engine)->Names()) {
      start = Clock::now();
      auto s = (*engine)->Rebuild(name);
      if (!s.ok()) {
        std::fprintf(stderr, "bench_rebuild: %s\n", s.ToString().c_str());
        return 1;
      }
      const double seconds = Since(start);
      per_projection[name] = last / seconds;
      const double model_ratio = last / seconds / raw_rate;
      slowest_ratio =
          per_projection.size() == 1 ? model_ratio : std::min(slowest_ratio, model_ratio);
      std::printf("rebuild %-14s %8.2f s  %10.0f log events/s  ratio %.2f\n", name.c_str(), seconds,
                  last / seconds, last / seconds / raw_rate);
    }
    // What `switchboard rebuild --all` does: every model at once, each on a thread.
    const double rebuild_cpu_before = sb::bench::TakeCpuSnapshot().process_seconds;
    start = Clock::now();
    if (auto s = (*engine)->Rebuild((*engine)->Names()); !s.ok()) {
      std::fprintf(stderr, "bench_rebuild: %s\n", s.ToString().c_str());
      return 1;
    }
    const double rebuild_seconds = Since(start);
    const double rebuild_cpu = sb::bench::TakeCpuSnapshot().process_seconds - rebuild_cpu_before;
    const double rebuild_rate = last / rebuild_seconds;
    const double ratio = rebuild_rate / raw_rate;
    std::printf("raw $all read         %8.2f s  %10.0f events/s\n", raw_seconds, raw_rate);
    std::printf("rebuild, all side by side %4.2f s  %10.0f events/s\n", rebuild_seconds,
                rebuild_rate);
    std::printf("slowest model / raw   %8.2f     (goal >= 0.50)\n", slowest_ratio);
    std::printf("all side by side / raw %7.2f     (reported)\n", ratio);
    // With every core busy the rebuild takes at least its CPU over the cores, whatever it
    // overlaps: this says how far CPU alone keeps it from the goal.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::printf(
        "CPU: raw read %.2f s, rebuild all %.2f s (%.2f us per event; on %u cores at least "
        "%.2f s)\n",
        raw_cpu, rebuild_cpu, rebuild_cpu * 1e6 / last, cores, rebuild_cpu / cores);
    // Online (POST /api/v1/admin/projections/{name}/rebuild): every model at once, each
    // folding a new generation beside the active one until it has caught up and swapped.
    std::map<std::string, uint64_t> generation_before;
    for (const auto& info : (*engine)->List()) generation_before[info.name] = info.generation;
    start = Clock::now();
    for (const auto& name : (*engine)->Names()) {
      if (auto s = (*engine)->StartRebuild(name); !s.ok()) {
        std::fprintf(stderr, "bench_rebuild: %s\n", s.ToString().c_str());
        return 1;
      }
    }
    for (bool swapped = false; !swapped;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      swapped = true;
      for (const auto& info : (*engine)->List()) {
        if (!info.rebuild_error.empty()) {
          std::fprintf(stderr, "bench_rebuild: %s\n", info.rebuild_error.c_str());
          return 1;
        }
        swapped = swapped && info.generation > generation_before[info.name];
      }
    }
    const double online_rate = last / Since(start);
    std::printf("online rebuild, all   %8.2f s  %10.0f events/s  ratio %.2f\n", last / online_rate,
                online_rate, online_rate / raw_rate);
    boost::json::object json;
    json["events"] = last;
    json["online_rebuild_events_per_second"] = online_rate;
    json["raw_read_events_per_second"] = raw_rate;
    json["rebuild_events_per_second"] = rebuild_rate;
    json["slowest_model_ratio"] = slowest_ratio;
    json["side_by_side_ratio"] = ratio;
    json["raw_read_cpu_seconds"] = raw_cpu;
    json["rebuild_cpu_seconds"] = rebuild_cpu;
    json["per_projection_events_per_second"] = per_projection;
    json["goal_met"] = slowest_ratio >= 0.5;
    std::printf("%s\n", boost::json::serialize(json).c_str());
  }
  if (temp) std::filesystem::remove_all(dir);
  return code;
}
