// switchboard events: the log as JSON lines, from a position, optionally filtered and followed.
#include <chrono>
#include <iostream>
#include <thread>

#include <boost/json.hpp>

#include "eventstore/event_store.h"
#include "ops/cli_options.h"
#include "ops/commands.h"
#include "ops/event_json.h"

namespace po = boost::program_options;

namespace sb::ops {
namespace {

constexpr size_t kPage = 1000;
constexpr auto kPollInterval = std::chrono::milliseconds(200);

}  // namespace

int RunEvents(const std::vector<std::string>& args) {
  std::string dir, stream;
  uint64_t from = 1, limit = 0;
  bool follow = false;
  po::options_description options("options");
  options.add_options()("data", po::value(&dir)->default_value("./data"), "data directory")(
      "from", po::value(&from)->default_value(1), "first position to print")(
      "stream", po::value(&stream), "only streams matching this glob, e.g. 'acme/call/*'")(
      "limit", po::value(&limit)->default_value(0), "stop after this many events (0: no limit)")(
      "follow,f", po::bool_switch(&follow), "keep printing new events as they are appended");
  po::variables_map values;
  if (auto code = ParseCommandLine("events", "[--data DIR] [--from POS] [--stream GLOB] [--follow]",
                                   options, args, &values)) {
    return *code;
  }

  // A follower reads without taking the directory's lock, so this works beside a running server.
  es::StoreOptions store_options;
  store_options.follower = true;
  auto store = es::EventStore::Open(dir, store_options);
  while (!store.ok() && follow && store.status().IsNotFound()) {
    std::this_thread::sleep_for(kPollInterval);  // --follow waits for the log to be created
    store = es::EventStore::Open(dir, store_options);
  }
  if (!store.ok()) {
    std::cerr << "switchboard events: " << store.status().message() << "\n";
    return 1;
  }
  const es::StreamFilter filter =
      stream.empty() ? es::StreamFilter() : es::StreamFilter::Glob(stream);
  uint64_t printed = 0;
  for (;;) {
    auto slice = (*store)->ReadAll(from, kPage, filter);
    if (!slice.ok()) {
      std::cerr << "switchboard events: " << slice.status().ToString() << "\n";
      return 1;
    }
    for (const auto& e : slice->events) {
      std::cout << boost::json::serialize(EventToJson(e)) << "\n";
      if (limit != 0 && ++printed >= limit) return 0;
    }
    from = slice->next_position;
    if (!slice->events.empty()) continue;
    if (!follow) break;
    std::cout.flush();
    std::this_thread::sleep_for(kPollInterval);
    if (auto caught = (*store)->CatchUp(); !caught.ok()) {
      std::cerr << "switchboard events: " << caught.status().ToString() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace sb::ops
